/**
 * Between recorder intervals and hdr-histogram-js histograms, and between
 * those and HdrHistogram's V2 compressed encoding (the bytes of an .hlog line
 * and of a HistogramSnapshot). JS histograms only, never WASM.
 *
 * Encoding and decoding are written here rather than taken from
 * hdr-histogram-js, whose codec works on base64 strings, trusts the header it
 * reads (an attacker-chosen highestTrackableValue allocates at will) and
 * inflates without an output cap. This one writes Java's header exactly and
 * rejects anything it cannot bound.
 */
import { deflateSync, inflateSync } from 'node:zlib'
import { build, type Histogram, JsHistogram } from 'hdr-histogram-js'
import { ProdbenchSdkError } from '../errors.js'
import { type HdrLayout, hdrLayout } from './hdr-layout.js'
import type { Interval } from './recorder.js'

export type { Histogram } from 'hdr-histogram-js'
export { type HistogramSummary, summarize } from './hdr-summary.js'

/** Bytes that are not a valid HdrHistogram V2 compressed histogram (or too large to decode). */
export class HdrDecodeError extends ProdbenchSdkError {
  override name = 'HdrDecodeError'
  constructor(message: string, options?: { cause?: unknown }) {
    super('PB_HDR_DECODE', message, options)
  }
}

const ENCODING_COOKIE = 0x1c849303 | 0x10
const COMPRESSED_COOKIE = 0x1c849304 | 0x10
const COOKIE_BASE_MASK = ~0xf0
const HEADER_BYTES = 40
const TWO_POW_32 = 4_294_967_296
/** Largest counts array (and inflated payload) a decode may allocate. */
const MAX_DECODED_BYTES = 64 * 1024 * 1024

/**
 * An hdr-histogram-js histogram (64-bit float counts, so no count overflows)
 * with `layout`'s parameters and `interval`'s counts copied index by index,
 * min/max/total established from them, and the interval's start/end set.
 * @throws RangeError if the counts array is not of `layout`'s length
 */
export function toHdrHistogram(layout: HdrLayout, interval: Pick<Interval, 'counts' | 'startMs' | 'endMs'>): Histogram {
  const counts = interval.counts
  if (counts.length !== layout.countsLength) {
    throw new RangeError(`counts has ${counts.length} entries, the layout ${layout.countsLength}`)
  }
  const h = newHistogram(layout.lowest, layout.highest, layout.digits)
  if (h.countsArrayLength !== layout.countsLength) {
    throw new Error(
      `hdr-histogram-js laid out ${h.countsArrayLength} counts where hdrLayout has ${layout.countsLength}`,
    )
  }
  let filled = 0
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i]!
    if (count !== 0) {
      h.setCountAtIndex(i, count)
      filled = i + 1
    }
  }
  // Everything past the last count is zero: no need to scan it again.
  h.establishInternalTackingValues(filled)
  h.startTimeStampMsec = interval.startMs
  h.endTimeStampMsec = interval.endMs
  return h
}

/** An empty histogram with `h`'s parameters, auto-resizing: a merge target. */
export function emptyLike(h: Histogram): Histogram {
  const js = asJs(h)
  return newHistogram(js.lowestDiscernibleValue, js.highestTrackableValue, js.numberOfSignificantValueDigits)
}

/**
 * Adds `other`'s counts to `target` (HdrHistogram `add`): `target` is made
 * auto-resizing, so it takes values beyond its range and other layouts.
 */
export function mergeInto(target: Histogram, other: Histogram): void {
  target.autoResize = true
  target.add(other)
}

/** Scratch buffers grow up to this and are kept; a larger histogram gets a temporary one. */
const SCRATCH_KEEP_BYTES = 1024 * 1024
/** Scratch for the uncompressed encoding, grown as needed: encoding is synchronous. */
let scratch = new Uint8Array(64 * 1024)
/** Scratch for a JsHistogram's counts, copied out once rather than read call by call. */
let countsScratch = new Float64Array(0)

/**
 * HdrHistogram V2 compressed encoding of `h`, as raw bytes (what an .hlog line
 * carries in base64): Java's header, ZigZag LEB128 counts with zero runs,
 * zlib-deflated. Readable by every HdrHistogram port.
 * @throws TypeError for a non-JS (WASM) histogram; RangeError for a negative or fractional count
 */
export function encodeHdr(h: Histogram): Uint8Array {
  const js = asJs(h)
  let limit = js.countsArrayLength
  while (limit > 0 && js.getCountAtIndex(limit - 1) === 0) limit--
  let counts = countsScratch
  if (counts.length < limit) {
    counts = new Float64Array(js.countsArrayLength)
    if (counts.byteLength <= SCRATCH_KEEP_BYTES) countsScratch = counts
  }
  for (let i = 0; i < limit; i++) counts[i] = js.getCountAtIndex(i)
  const { numberOfSignificantValueDigits: digits, lowestDiscernibleValue: lowest, highestTrackableValue: highest } = js
  return encode(digits, lowest, highest, counts, limit)
}

/**
 * The same bytes as `encodeHdr(toHdrHistogram(layout, { counts }))`, straight
 * from a recorder's counts array: no histogram is built, nothing the size of
 * the layout is allocated. What the SDK publishes once per interval.
 * @throws RangeError if `counts` is not of the layout's length or holds a negative or fractional count
 */
export function encodeCounts(layout: HdrLayout, counts: Float64Array): Uint8Array {
  if (counts.length !== layout.countsLength) {
    throw new RangeError(`counts has ${counts.length} entries, the layout ${layout.countsLength}`)
  }
  let limit = counts.length
  while (limit > 0 && counts[limit - 1] === 0) limit--
  return encode(layout.digits, layout.lowest, layout.highest, counts, limit)
}

/** V2 encoding of `counts[0..limit)`, then the compressed envelope. */
function encode(digits: number, lowest: number, highest: number, counts: Float64Array, limit: number): Uint8Array {
  let out = scratch
  if (out.length < HEADER_BYTES + 9 * limit) {
    out = new Uint8Array(HEADER_BYTES + 9 * limit)
    if (out.byteLength <= SCRATCH_KEEP_BYTES) scratch = out
  }
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength)
  view.setInt32(0, ENCODING_COOKIE)
  view.setInt32(8, 0) // normalizingIndexOffset
  view.setInt32(12, digits)
  setUint53(view, 16, lowest)
  setUint53(view, 24, highest)
  view.setFloat64(32, 1) // integerToDoubleValueConversionRatio
  let pos = HEADER_BYTES
  for (let i = 0; i < limit; ) {
    const count = counts[i++]!
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new RangeError(`count ${count} at index ${i - 1} cannot be encoded`)
    }
    let word = count * 2 // ZigZag of a count ≥ 0
    if (count === 0) {
      let zeros = 1
      while (i < limit && counts[i] === 0) {
        zeros++
        i++
      }
      if (zeros > 1) word = zeros * 2 - 1 // ZigZag of −zeros: a run of zeros
    }
    while (word >= 0x80) {
      out[pos++] = (word % 0x80) | 0x80
      word = Math.floor(word / 0x80)
    }
    out[pos++] = word
  }
  view.setInt32(4, pos - HEADER_BYTES)
  const compressed = deflateSync(out.subarray(0, pos))
  const bytes = new Uint8Array(8 + compressed.length)
  const head = new DataView(bytes.buffer)
  head.setInt32(0, COMPRESSED_COOKIE)
  head.setInt32(4, compressed.length)
  bytes.set(compressed, 8)
  return bytes
}

/**
 * Decodes HdrHistogram V2 compressed bytes into an hdr-histogram-js histogram
 * (64-bit counts, auto-resizing). Every length and parameter is checked
 * before it is used, the inflate output and the counts array are capped at
 * 64 MB, and each loop advances through the input, so no input hangs.
 * The V2 encoding carries no timestamps: set `startTimeStampMsec` and
 * `endTimeStampMsec` from the envelope if they matter.
 * @throws HdrDecodeError (`PB_HDR_DECODE`) on anything invalid
 */
export function decodeHdr(bytes: Uint8Array): Histogram {
  if (!(bytes instanceof Uint8Array)) throw new HdrDecodeError('expected a Uint8Array')
  if (bytes.length < 8) throw new HdrDecodeError(`${bytes.length} bytes: too short for a compressed histogram`)
  const outer = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const cookie = outer.getInt32(0)
  if ((cookie & COOKIE_BASE_MASK) !== (COMPRESSED_COOKIE & COOKIE_BASE_MASK)) {
    throw new HdrDecodeError(`cookie 0x${(cookie >>> 0).toString(16)} is not a V2 compressed histogram`)
  }
  const compressedLength = outer.getInt32(4)
  if (compressedLength <= 0 || compressedLength > bytes.length - 8) {
    throw new HdrDecodeError(`compressed length ${compressedLength} does not fit in ${bytes.length - 8} bytes`)
  }
  let payload: Uint8Array
  try {
    payload = inflateSync(bytes.subarray(8, 8 + compressedLength), { maxOutputLength: MAX_DECODED_BYTES })
  } catch (err) {
    throw new HdrDecodeError(`inflate failed: ${(err as Error).message}`, { cause: err })
  }
  return decodeUncompressed(payload)
}

function decodeUncompressed(payload: Uint8Array): Histogram {
  if (payload.length < HEADER_BYTES) throw new HdrDecodeError(`${payload.length} bytes: too short for a V2 header`)
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength)
  const cookie = view.getInt32(0)
  if (cookie !== ENCODING_COOKIE) {
    throw new HdrDecodeError(`cookie 0x${(cookie >>> 0).toString(16)} is not a V2 histogram encoding`)
  }
  const payloadLength = view.getInt32(4)
  if (payloadLength < 0 || payloadLength > payload.length - HEADER_BYTES) {
    throw new HdrDecodeError(`payload length ${payloadLength} does not fit in ${payload.length - HEADER_BYTES} bytes`)
  }
  // normalizingIndexOffset (8) is ignored, as hdr-histogram-js does: it writes 1 there.
  const digits = view.getInt32(12)
  const lowest = getUint64(view, 16)
  // Java writes Long.MAX_VALUE for "no bound": track what a double holds exactly.
  const highest = Math.min(getUint64(view, 24), Number.MAX_SAFE_INTEGER)
  let layout: HdrLayout
  try {
    layout = hdrLayout(lowest, highest, digits)
  } catch (err) {
    throw new HdrDecodeError(`bad parameters: ${(err as Error).message}`, { cause: err })
  }
  if (layout.countsLength * 8 > MAX_DECODED_BYTES) {
    throw new HdrDecodeError(`${layout.countsLength} counts would allocate more than ${MAX_DECODED_BYTES} bytes`)
  }
  const h = newHistogram(layout.lowest, layout.highest, layout.digits)
  const length = layout.countsLength
  const end = HEADER_BYTES + payloadLength
  let pos = HEADER_BYTES
  let index = 0
  while (pos < end) {
    // ZigZag LEB128-64b9B: 7 bits per byte, the 9th byte carries 8.
    let word = 0
    let scale = 1
    for (let n = 0; ; n++) {
      if (pos >= end) throw new HdrDecodeError(`truncated count at byte ${pos}`)
      const byte = payload[pos++]!
      if (n === 8) {
        word += byte * scale
        break
      }
      word += (byte & 0x7f) * scale
      if ((byte & 0x80) === 0) break
      scale *= 0x80
    }
    if (word > Number.MAX_SAFE_INTEGER) throw new HdrDecodeError(`count word ${word} at byte ${pos} is out of range`)
    if (word % 2 === 1) {
      index += (word + 1) / 2 // a run of zeros
      if (index > length) throw new HdrDecodeError(`zero run passes the ${length} counts at byte ${pos}`)
    } else {
      if (index >= length) throw new HdrDecodeError(`more than ${length} counts at byte ${pos}`)
      if (word !== 0) h.setCountAtIndex(index, word / 2)
      index++
    }
  }
  h.establishInternalTackingValues(index)
  return h
}

function newHistogram(lowest: number, highest: number, digits: number): JsHistogram {
  return build({
    bitBucketSize: 64,
    autoResize: true,
    lowestDiscernibleValue: lowest,
    highestTrackableValue: highest,
    numberOfSignificantValueDigits: digits as 1 | 2 | 3 | 4 | 5,
    useWebAssembly: false,
  }) as JsHistogram
}

function asJs(h: Histogram): JsHistogram {
  if (!(h instanceof JsHistogram)) throw new TypeError('only hdr-histogram-js JS histograms are supported, not WASM')
  return h
}

function setUint53(view: DataView, offset: number, value: number): void {
  view.setUint32(offset, Math.floor(value / TWO_POW_32))
  view.setUint32(offset + 4, value >>> 0)
}

/** A big-endian int64; negatives and values ≥ 2^63 read as huge, for the range checks to reject. */
function getUint64(view: DataView, offset: number): number {
  return view.getUint32(offset) * TWO_POW_32 + view.getUint32(offset + 4)
}
