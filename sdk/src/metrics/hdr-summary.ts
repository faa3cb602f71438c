/**
 * What a person reads off a histogram: count, min, max, mean, percentiles and
 * a short log-scaled distribution for a bar chart (ctl hist, GetHistogram).
 */
import { type Histogram, JsHistogram } from 'hdr-histogram-js'

/** A histogram reduced for display. Values are in the histogram's unit, at its resolution. */
export interface HistogramSummary {
  /** Values recorded. */
  count: number
  /** Lowest value recorded (the low end of its bucket), 0 when empty. */
  min: number
  /** Highest value recorded (the high end of its bucket), 0 when empty. */
  max: number
  /** Mean of the values (each taken at the middle of its bucket), 0 when empty. */
  mean: number
  /** The value at each quantile asked for (0..1), HdrHistogram's getValueAtPercentile. */
  percentiles: Array<{ quantile: number; value: number }>
  /** Log-scaled buckets from min to max: `count` values ≤ `le` and > the previous `le`; counts sum to `count`. */
  buckets: Array<{ le: number; count: number }>
}

/** Quantiles reported when none are asked for: p50, p90, p99, p99.9, p99.99 and max. */
export const DEFAULT_QUANTILES: readonly number[] = [0.5, 0.9, 0.99, 0.999, 0.9999, 1]

/**
 * Summarizes `h`: percentiles at `options.quantiles` and about
 * `options.buckets` log-scaled display buckets covering min..max (fewer when
 * the range is too narrow for distinct integer edges).
 * @throws RangeError for a quantile outside 0..1 or a bucket count < 1
 */
export function summarize(
  h: Histogram,
  options: {
    /**
     * Quantiles (0..1) to report.
     * @default [0.5, 0.9, 0.99, 0.999, 0.9999, 1]
     */
    quantiles?: readonly number[]
    /**
     * Display buckets wanted.
     * @default 20
     */
    buckets?: number
  } = {},
): HistogramSummary {
  if (!(h instanceof JsHistogram)) throw new TypeError('only hdr-histogram-js JS histograms are supported, not WASM')
  const quantiles = options.quantiles ?? DEFAULT_QUANTILES
  for (const q of quantiles) {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be within 0..1, got ${q}`)
  }
  const wanted = options.buckets ?? 20
  if (!Number.isInteger(wanted) || wanted < 1) throw new RangeError(`buckets must be an integer ≥ 1, got ${wanted}`)

  let first = -1
  let last = -1
  for (let i = 0; i < h.countsArrayLength; i++) {
    if (h.getCountAtIndex(i) !== 0) {
      if (first < 0) first = i
      last = i
    }
  }
  const count = h.totalCount
  if (first < 0 || count === 0) {
    return {
      count: 0,
      min: 0,
      max: 0,
      mean: 0,
      percentiles: quantiles.map((quantile) => ({ quantile, value: 0 })),
      buckets: [],
    }
  }
  const min = h.valueFromIndex(first)
  const max = h.highestEquivalentValue(h.valueFromIndex(last))
  return {
    count,
    min,
    max,
    mean: h.mean,
    percentiles: quantiles.map((quantile) => ({ quantile, value: h.getValueAtPercentile(quantile * 100) })),
    buckets: displayBuckets(h, first, last, logEdges(Math.max(min, 1), max, wanted)),
  }
}

/** Up to `n` increasing integer edges from lo·r to hi, r = (hi/lo)^(1/n); the last is `hi`. */
function logEdges(lo: number, hi: number, n: number): number[] {
  if (hi <= lo) return [hi]
  const ratio = (hi / lo) ** (1 / n)
  const edges: number[] = []
  for (let i = 1; i < n; i++) {
    const edge = Math.ceil(lo * ratio ** i)
    if (edge < hi && (edges.length === 0 || edge > edges[edges.length - 1]!)) edges.push(edge)
  }
  edges.push(hi)
  return edges
}

/** Each counts index goes to the first edge at or above its highest value. */
function displayBuckets(h: JsHistogram, first: number, last: number, edges: number[]): HistogramSummary['buckets'] {
  const buckets = edges.map((le) => ({ le, count: 0 }))
  let b = 0
  for (let i = first; i <= last; i++) {
    const count = h.getCountAtIndex(i)
    if (count === 0) continue
    const value = h.highestEquivalentValue(h.valueFromIndex(i))
    while (b < buckets.length - 1 && buckets[b]!.le < value) b++
    buckets[b]!.count += count
  }
  return buckets
}
