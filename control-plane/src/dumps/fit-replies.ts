import type { DumpReplyMessage } from '@prodbench/proto'

/**
 * Keeps the record bytes of a Dump answer under `maxBytes` (one gRPC
 * message; NATS already bounds each reply): every instance gets an equal
 * share, an instance under its share keeps everything and leaves the rest to
 * the others, and an instance over it keeps its newest records that fit. A
 * trimmed reply says so in `error` (its records are still there). Pure.
 */
export function fitReplies(
  replies: readonly DumpReplyMessage[],
  maxBytes: number,
): { replies: DumpReplyMessage[]; trimmed: number } {
  const sizes = replies.map((reply) => bytesOf(reply.records ?? []))
  const total = sizes.reduce((sum, size) => sum + size, 0)
  if (total <= maxBytes) return { replies: [...replies], trimmed: 0 }
  // Water-filling: the smallest replies first, each taking at most an equal share of what is left.
  const shares = new Array<number>(replies.length).fill(0)
  let left = maxBytes
  const order = sizes.map((size, index) => ({ size, index })).sort((a, b) => a.size - b.size)
  order.forEach(({ size, index }, position) => {
    const share = Math.floor(left / (order.length - position))
    shares[index] = Math.min(size, share)
    left -= shares[index] as number
  })
  let trimmed = 0
  const fitted = replies.map((reply, index) => {
    const records = reply.records ?? []
    if ((sizes[index] as number) <= (shares[index] as number)) return reply
    const kept = newestWithin(records, shares[index] as number)
    trimmed += records.length - kept.length
    const note = `kept the newest ${kept.length} of ${records.length} records: one answer carries at most ${maxBytes} bytes (dumps.maxResponseBytes); ask for fewer (last) or one instance`
    return { ...reply, records: kept, error: reply.error || note }
  })
  return { replies: fitted, trimmed }
}

function newestWithin(records: readonly string[], bytes: number): string[] {
  let used = 0
  let first = records.length
  while (first > 0 && used + (records[first - 1] as string).length <= bytes) {
    first--
    used += (records[first] as string).length
  }
  return records.slice(first)
}

function bytesOf(records: readonly string[]): number {
  let bytes = 0
  for (const record of records) bytes += record.length
  return bytes
}
