// Reads prodbench histograms with the Java HdrHistogram (the reference
// implementation), to show they are standard:
//
//   java -cp /usr/share/java/hdrhistogram.jar HdrDecode.java hlog FILE
//       every interval of a .hlog written by `ctl hist watch --hlog FILE`
//   java -cp /usr/share/java/hdrhistogram.jar HdrDecode.java snapshot BASE64
//       one streamed snapshot: the V2 compressed bytes of HistogramSnapshot.hdr
//
// One line per histogram: tag (or "-"), start and end (s), count, p50, p99, max.
// Debian: apt-get install libhdrhistogram-java (Java 11+ runs a .java file directly).

import java.io.File;
import java.nio.ByteBuffer;
import java.util.Base64;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

public class HdrDecode {
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: HdrDecode hlog FILE | snapshot BASE64");
      System.exit(2);
    }
    if (args[0].equals("hlog")) {
      HistogramLogReader reader = new HistogramLogReader(new File(args[1]));
      EncodableHistogram next;
      while ((next = reader.nextIntervalHistogram()) != null) {
        print((Histogram) next);
      }
    } else if (args[0].equals("snapshot")) {
      byte[] bytes = Base64.getDecoder().decode(args[1]);
      print(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0));
    } else {
      System.err.println("unknown mode " + args[0]);
      System.exit(2);
    }
  }

  static void print(Histogram h) {
    String tag = h.getTag() == null ? "-" : h.getTag();
    // A histogram decoded on its own has no start (Long.MAX_VALUE): print 0.
    long start = h.getStartTimeStamp() == Long.MAX_VALUE ? 0 : h.getStartTimeStamp();
    System.out.printf(
        "%s start=%.3f end=%.3f count=%d p50=%d p99=%d max=%d%n",
        tag,
        start / 1000.0,
        h.getEndTimeStamp() / 1000.0,
        h.getTotalCount(),
        h.getValueAtPercentile(50),
        h.getValueAtPercentile(99),
        h.getMaxValue());
  }
}
