import { init } from '@prodbench/sdk'
import {
  decodeHdr,
  emptyLike,
  encodeCounts,
  encodeHdr,
  HdrRecorder,
  type Histogram,
  hdrLayout,
  mergeInto,
  toHdrHistogram,
} from '@prodbench/sdk/metrics'
import { build, decodeFromCompressedBase64, encodeIntoCompressedBase64 } from 'hdr-histogram-js'
import { Histogram as PromHistogram, Registry } from 'prom-client'
import { mulberry32 } from '../helpers/random.js'
import { ByteSink } from './byte-sink.js'
import { median } from './stats.js'
import { fmt, type Table } from './table.js'

/** How long to measure. */
export interface HistogramBenchOptions {
  /** Fewer rounds and iterations: a smoke run, not numbers to quote. */
  quick: boolean
}

type Loop = (iterations: number) => void

const LAYOUT = hdrLayout(1, 3.6e9, 3)
const VALUES_MASK = 0xffff

/**
 * Latency-like values in µs: log-normal around 2 ms (σ ≈ 0.8), plus a 1 % tail
 * of slow requests out to seconds — what an HTTP server's duration looks like.
 */
function latencies(seed: number, n: number): Float64Array {
  const random = mulberry32(seed)
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
    const tail = random() < 0.01 ? 5 * random() : 0
    out[i] = Math.round(Math.exp(Math.log(2_000) + 0.8 * normal + tail))
  }
  return out
}

// One loop per contender, written out: closures of one function literal share
// V8's feedback, and a shared loop would measure a polymorphic call site.
function sdkRecord(h: { record(v: number): void }, values: Float64Array): Loop {
  return (n) => {
    for (let i = 0; i < n; i++) h.record(values[i & VALUES_MASK]!)
  }
}
function recorderRecord(h: HdrRecorder, values: Float64Array): Loop {
  return (n) => {
    for (let i = 0; i < n; i++) h.record(values[i & VALUES_MASK]!)
  }
}
function hdrRecord(h: Histogram, values: Float64Array): Loop {
  return (n) => {
    for (let i = 0; i < n; i++) h.recordValue(values[i & VALUES_MASK]!)
  }
}
function promObserve(h: PromHistogram, seconds: Float64Array): Loop {
  return (n) => {
    for (let i = 0; i < n; i++) h.observe(seconds[i & VALUES_MASK]!)
  }
}

/** ns per call of `loop` over `iterations` calls. */
function timeRound(loop: Loop, iterations: number): number {
  const start = process.hrtime.bigint()
  loop(iterations)
  return Number(process.hrtime.bigint() - start) / iterations
}

interface Measured {
  /** Median of each contender's per-round time. */
  medians: number[]
  /** Per contender, the median and range of the per-round ratios contender / first. */
  ratios: Array<{ median: number; min: number; max: number }>
}

/**
 * Runs the loops in rotating order each round (so drift lands on all of
 * them) and compares each with the first, round by round.
 */
function compare(loops: Loop[], rounds: number, iterations: number): Measured {
  for (const loop of loops) loop(iterations * 3)
  const times: number[][] = loops.map(() => [])
  const ratios: number[][] = loops.map(() => [])
  for (let round = 0; round < rounds; round++) {
    const t = new Array<number>(loops.length)
    for (let k = 0; k < loops.length; k++) {
      const which = (k + round) % loops.length
      t[which] = timeRound(loops[which]!, iterations)
    }
    for (let k = 0; k < loops.length; k++) {
      times[k]!.push(t[k]!)
      ratios[k]!.push(t[k]! / t[0]!)
    }
  }
  return {
    medians: times.map(median),
    ratios: ratios.map((r) => ({ median: median(r), min: Math.min(...r), max: Math.max(...r) })),
  }
}

/**
 * µs per interval: prodbench cut → toHdrHistogram → encodeHdr → release, and
 * cut → encodeCounts → release; the baseline hdr-histogram-js encode + reset.
 */
function snapshotCost(valuesPerInterval: number, rounds: number) {
  const values = latencies(11, valuesPerInterval)
  const recorder = new HdrRecorder(LAYOUT, 0)
  const direct = new HdrRecorder(LAYOUT, 0)
  const js = build({ bitBucketSize: 32, useWebAssembly: false, highestTrackableValue: LAYOUT.highest })
  const times: number[][] = [[], [], []]
  const ratios: number[][] = [[], []]
  let bytes = 0
  const since = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e3
  for (let round = -3; round < rounds; round++) {
    for (const v of values) {
      recorder.record(v)
      direct.record(v)
      js.recordValue(v)
    }
    let start = process.hrtime.bigint()
    const interval = recorder.cut(round)
    const encoded = encodeHdr(toHdrHistogram(LAYOUT, interval))
    recorder.release(interval)
    const viaHistogram = since(start)
    start = process.hrtime.bigint()
    const cut = direct.cut(round)
    const same = encodeCounts(LAYOUT, cut.counts)
    direct.release(cut)
    const viaCounts = since(start)
    start = process.hrtime.bigint()
    const base64 = encodeIntoCompressedBase64(js)
    js.reset()
    const baseline = since(start)
    bytes = encoded.length
    if (same.length !== encoded.length || base64.length === 0) throw new Error('encodings differ')
    if (round < 0) continue // warm-up
    for (const [k, t] of [viaHistogram, viaCounts, baseline].entries()) times[k]!.push(t)
    ratios[0]!.push(baseline / viaHistogram)
    ratios[1]!.push(baseline / viaCounts)
  }
  return { times: times.map(median), ratios: ratios.map(median), bytes }
}

/** ms to decode and merge `n` instance snapshots, prodbench (bytes) and hdr-histogram-js (base64). */
function mergeCost(n: number, rounds: number) {
  const snapshots: Uint8Array[] = []
  for (let k = 0; k < n; k++) {
    const recorder = new HdrRecorder(LAYOUT, 0)
    for (const v of latencies(1_000 + k, 2_000)) recorder.record(v)
    snapshots.push(encodeHdr(toHdrHistogram(LAYOUT, recorder.cut(1_000))))
  }
  const base64 = snapshots.map((bytes) => Buffer.from(bytes).toString('base64'))
  const ours: number[] = []
  const theirs: number[] = []
  const ratios: number[] = []
  for (let round = -1; round < rounds; round++) {
    let start = process.hrtime.bigint()
    const target = emptyLike(decodeHdr(snapshots[0]!))
    for (const bytes of snapshots) mergeInto(target, decodeHdr(bytes))
    const a = Number(process.hrtime.bigint() - start) / 1e6
    start = process.hrtime.bigint()
    const jsTarget = build({ bitBucketSize: 32, useWebAssembly: false, highestTrackableValue: LAYOUT.highest })
    for (const text of base64) jsTarget.add(decodeFromCompressedBase64(text))
    const b = Number(process.hrtime.bigint() - start) / 1e6
    if (target.totalCount !== jsTarget.totalCount) throw new Error('merged counts differ')
    if (round < 0) continue
    ours.push(a)
    theirs.push(b)
    ratios.push(b / a)
  }
  return { ours: median(ours), theirs: median(theirs), ratio: median(ratios) }
}

/**
 * The record hot path against hdr-histogram-js (JS, 32-bit) and prom-client
 * (no labels), then the cost of a snapshot per interval and of merging a
 * fleet's snapshots, each beside the raw dependency doing the same job.
 */
export async function histogramBench(options: HistogramBenchOptions): Promise<Table> {
  const rounds = options.quick ? 5 : 31
  const iterations = options.quick ? 200_000 : 2_000_000
  const values = latencies(7, VALUES_MASK + 1)
  const seconds = values.map((v) => v / 1e6)
  const pb = init({ service: 'bench', destination: new ByteSink() })
  try {
    const h = pb.histogram('bench.latency', { unit: 'us' })
    const recorder = new HdrRecorder(LAYOUT)
    const js = build({ bitBucketSize: 32, useWebAssembly: false, highestTrackableValue: LAYOUT.highest })
    const prom = new PromHistogram({ name: 'bench_latency_seconds', help: 'bench', registers: [new Registry()] })
    const record = compare(
      [sdkRecord(h, values), recorderRecord(recorder, values), hdrRecord(js, values), promObserve(prom, seconds)],
      rounds,
      iterations,
    )
    const small = snapshotCost(1_000, options.quick ? 5 : 41)
    const large = snapshotCost(100_000, options.quick ? 3 : 15)
    const merge = mergeCost(1_000, options.quick ? 1 : 5)

    type Ratio = { median: number; min: number; max: number }
    const row = (name: string, ours: number, base: number, unit: string, r: Ratio | number, goal: string, d = 0) =>
      typeof r === 'number'
        ? [name, fmt(ours, d), fmt(base, d), unit, fmt(r, 2), '', goal]
        : [name, fmt(ours, d), fmt(base, d), unit, fmt(r.median, 2), `${fmt(r.min, 2)}–${fmt(r.max, 2)}`, goal]
    const [, raw, hdr, promRatio] = record.ratios as [Ratio, Ratio, Ratio, Ratio]
    const [sdkNs, rawNs, hdrNs, promNs] = record.medians as [number, number, number, number]
    const snapshotRows = (n: string, c: ReturnType<typeof snapshotCost>) => [
      row(
        `snapshot: toHdrHistogram + encodeHdr, ${n} values`,
        c.times[0]!,
        c.times[2]!,
        'µs/interval',
        c.ratios[0]!,
        '',
      ),
      row(`snapshot: encodeCounts, ${n} values`, c.times[1]!, c.times[2]!, 'µs/interval', c.ratios[1]!, ''),
    ]
    return {
      title: 'histogram: prodbench recorder vs hdr-histogram-js (JS) and prom-client',
      columns: ['case', 'prodbench', 'baseline', 'unit', 'baseline / prodbench', 'ratio range', 'goal'],
      rows: [
        row(
          'h.record(v) vs hdr-histogram-js recordValue (JS, 32-bit)',
          sdkNs,
          hdrNs,
          'ns/call',
          hdr,
          '≤ 15 ns, ≥ 4×',
          1,
        ),
        row(
          'h.record(v) vs prom-client Histogram.observe (no labels)',
          sdkNs,
          promNs,
          'ns/call',
          promRatio,
          '≥ 10×',
          1,
        ),
        row('h.record(v) vs bare HdrRecorder.record(v) (wrapper cost)', sdkNs, rawNs, 'ns/call', raw, '≈ 1', 1),
        ...snapshotRows('1k', small),
        ...snapshotRows('100k', large),
        row(
          'decode + merge 1,000 snapshots (vs JS base64 decode + add)',
          merge.ours,
          merge.theirs,
          'ms',
          merge.ratio,
          '< 500 ms',
        ),
        row(
          '  = merge throughput, one core',
          1e6 / merge.ours,
          1e6 / merge.theirs,
          'snapshots/s',
          merge.ratio,
          '≥ 2,000',
        ),
      ],
      notes: [
        `record: ${rounds} rounds × ${iterations.toLocaleString('en-US')} calls, order rotating each round; ns/call is the median round, the ratio the median of per-round ratios. Values: 65,536 precomputed latency-like µs values (log-normal around 2 ms, 1 % tail to seconds); prom-client observes the same values in seconds.`,
        `prodbench: pb.histogram('bench.latency', { unit: 'us' }) — 1 µs..1 h, 3 digits, Float64Array counts, exact count/sum/min/max. hdr-histogram-js: build({ bitBucketSize: 32, useWebAssembly: false, highestTrackableValue: 3.6e9 }). prom-client: new Histogram({ name, help, registers: [new Registry()] }), default buckets.`,
        `snapshot: cut → toHdrHistogram → encodeHdr → release, or cut → encodeCounts → release (same bytes: V2 compressed, ${small.bytes} B at 1k values, ${large.bytes} B at 100k); the baseline is hdr-histogram-js encodeIntoCompressedBase64 + reset on a histogram holding the same values.`,
        '1,000 snapshots of 2,000 values each (distinct seeds), merged into one: prodbench decodeHdr + mergeInto from bytes; baseline decodeFromCompressedBase64 + add from base64. Goal from issue 3: 1,000 snapshots/s in under half a core.',
      ],
    }
  } finally {
    await pb.close()
  }
}
