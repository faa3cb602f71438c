/**
 * Classic Prometheus buckets derived from HDR counts at scrape time. The HDR
 * data keeps ~0.1 % resolution over the whole range, so any bounds can be
 * cut from it afterwards; these are the ones used unless told otherwise.
 */
import { countsIndex, type HdrLayout } from './hdr-layout.js'
import type { BucketFamily } from './prometheus-names.js'

/**
 * Default upper bounds (`le`), in the exposed base unit: seconds for time
 * histograms (100 µs to 1 min), bytes for sizes (64 B to 1 GiB, ×4), and
 * plain numbers for counts (1 to 1,000,000, 1-2-5 steps).
 */
export const DEFAULT_PROMETHEUS_BUCKETS: Readonly<Record<BucketFamily, readonly number[]>> = Object.freeze({
  seconds: Object.freeze([
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
  ]),
  bytes: Object.freeze(Array.from({ length: 13 }, (_, i) => 64 * 4 ** i)),
  count: Object.freeze(
    Array.from({ length: 19 }, (_, i) => [1, 2, 5][i % 3]! * 10 ** Math.floor(i / 3)).filter((v) => v <= 1e6),
  ),
})

/** Why `bounds` is not a usable list of bucket bounds, or undefined. */
export function boundsProblem(bounds: unknown): string | undefined {
  if (!Array.isArray(bounds)) return 'must be an array of numbers'
  if (bounds.length === 0) return 'must not be empty'
  if (bounds.length > 200) return `has ${bounds.length} bounds; at most 200`
  for (let i = 0; i < bounds.length; i++) {
    const b = bounds[i]
    if (typeof b !== 'number' || !Number.isFinite(b)) return `[${i}] is ${String(b)}, not a finite number`
    if (i > 0 && b <= (bounds[i - 1] as number)) return `[${i}] (${b}) is not above [${i - 1}]: bounds must increase`
  }
  return undefined
}

/**
 * Cumulative counts of the values ≤ each bound. `bounds` are in the exposed
 * unit; `divisor` turns recorded units into it (1e6 for µs → s). A bound
 * resolves to the HDR bucket holding it, so values within the histogram's
 * precision of a bound (0.1 % at 3 digits) count as under it.
 */
export function cumulativeBuckets(
  counts: Float64Array,
  layout: HdrLayout,
  bounds: readonly number[],
  divisor: number,
  total: number,
): number[] {
  const last = Math.min(counts.length, layout.countsLength) - 1
  // The last counts index each bound covers, in bound order (indices grow with values).
  const ends = bounds.map((bound) => {
    // toPrecision: 0.29 × 100 is 28.999…; the bound meant 29.
    const threshold = Math.floor(Number((bound * divisor).toPrecision(12)))
    if (threshold < 0) return -1
    if (threshold >= layout.highest) return last
    return Math.min(countsIndex(layout, threshold), last)
  })
  const out = new Array<number>(bounds.length)
  let running = 0
  let index = 0
  for (let b = 0; b < ends.length; b++) {
    const end = ends[b] as number
    for (; index <= end; index++) running += counts[index] as number
    out[b] = Math.min(running, total)
  }
  return out
}
