/**
 * `@prodbench/sdk/metrics`: the histogram recorder and the HdrHistogram codec,
 * shared by the SDK (record, snapshot, encode) and the control plane (decode,
 * merge, summarize). No I/O and no timers: time comes in as an argument.
 */
export type { Histogram } from './hdr-codec.js'
export {
  decodeHdr,
  emptyLike,
  encodeCounts,
  encodeHdr,
  HdrDecodeError,
  mergeInto,
  toHdrHistogram,
} from './hdr-codec.js'
export type { HdrLayout } from './hdr-layout.js'
export { countsIndex, hdrLayout, highestValueAtIndex, valueFromIndex } from './hdr-layout.js'
export type { HistogramSummary } from './hdr-summary.js'
export { DEFAULT_QUANTILES, summarize } from './hdr-summary.js'
export type { Interval } from './recorder.js'
export { HdrRecorder } from './recorder.js'
export type { Unit, UnitRange } from './units.js'
export { defaultRange, isUnit, UNITS } from './units.js'
