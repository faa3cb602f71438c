/**
 * The record hot path: an HDR-layout counts array in a Float64Array, plus the
 * exact count, sum, min and max of the values recorded since the last cut.
 * Double-buffered so that cutting an interval swaps arrays instead of copying.
 */
import { countsIndex, type HdrLayout, valueFromIndex } from './hdr-layout.js'

/**
 * The values recorded between two cuts. `counts` is in the recorder's
 * {@link HdrLayout}; min and max are exact (0 when `count` is 0).
 */
export interface Interval {
  /** Counts per index of the layout; hand back with {@link HdrRecorder.release}. */
  counts: Float64Array
  /** Values recorded, clamped ones included. */
  count: number
  /** Sum of the values recorded (after rounding and clamping). */
  sum: number
  /** Smallest value recorded, 0 when none. */
  min: number
  /** Largest value recorded, 0 when none. */
  max: number
  /** Values that were NaN, negative or above `highest`, recorded as 0 or `highest`. */
  clamped: number
  /** Start of the interval (unix ms): the previous cut, or the recorder's creation. */
  startMs: number
  /** End of the interval (unix ms): the `nowMs` given to `cut`. */
  endMs: number
}

const TWO_POW_32 = 4_294_967_296
/** What a released interval holds, so a stale reference reads as empty. */
const RELEASED = new Float64Array(0)

/**
 * Records integer values into an HDR counts array. `record` never throws and
 * never allocates; `cut` ends an interval and hands out its counts array.
 *
 * The valid range is 0..`layout.highest`: values under `layout.lowest` are
 * legal in HdrHistogram (they share the index of 0 at the layout's resolution)
 * and are recorded as they are; NaN and negatives are clamped to 0 and values
 * above `highest` to `highest`, and counted in `clamped`.
 */
export class HdrRecorder {
  /** The bucket layout of the counts arrays. */
  declare readonly layout: HdrLayout
  // Hot-path fields are `declare`d (TS-private, not #private) and first set in
  // the constructor with their real values. A #field or a plain declaration
  // is defined as `undefined` first, which leaves V8 with tagged, boxed fields
  // instead of Smi/double ones: ~2 ns more of a ~7 ns record (Node 20, measured).
  // Layout fields are copied to the instance: one property load each.
  declare private readonly highest: number
  declare private readonly mask: number
  declare private readonly unit: number
  declare private readonly halfMagnitude: number
  declare private readonly halfCount: number
  declare private readonly bucketShift: number
  /** 2^32 when subBucketMask fits in 32 bits (the `|`/`>>>` fast path is exact), else 0. */
  declare private readonly fastLimit: number
  declare private counts: Float64Array
  private spare: Float64Array | null = null
  private count = 0
  private sum = 0
  private min = Number.POSITIVE_INFINITY
  private max = 0
  private clamped = 0
  /** Values in intervals already cut: kept off the hot path, added at each cut. */
  private countedBefore = 0
  /** Sees every interval as it is cut, before it is handed out (a Prometheus lifetime total). */
  private cutObserver: ((interval: Interval) => void) | undefined = undefined
  declare private startMs: number

  /**
   * @param layout from {@link hdrLayout}
   * @param startMs start of the first interval (unix ms)
   * @default startMs `Date.now()`
   */
  constructor(layout: HdrLayout, startMs: number = Date.now()) {
    this.layout = layout
    this.highest = layout.highest
    this.mask = layout.subBucketMask
    this.unit = layout.unitMagnitude
    this.halfMagnitude = layout.subBucketHalfCountMagnitude
    this.halfCount = layout.subBucketHalfCount
    this.bucketShift = layout.subBucketHalfCountMagnitude + layout.unitMagnitude
    this.fastLimit = layout.subBucketMask < TWO_POW_32 ? TWO_POW_32 : 0
    this.counts = new Float64Array(layout.countsLength)
    this.startMs = startMs
  }

  /**
   * Records one value. Hot path: no allocation, never throws. Non-integers are
   * rounded; NaN, negatives and values above `highest` are clamped and counted.
   */
  record(value: number): void {
    let v = Math.round(value)
    if (!(v >= 0 && v <= this.highest)) v = this.clampOut(v)
    let index: number
    if (v < this.fastLimit) {
      // Bucket = highest set bit of (v | subBucketMask) above the mask's top bit
      // (Java's leadingZeroCountBase − numberOfLeadingZeros(v | mask)).
      const bucket = 31 - Math.clz32(v | this.mask) - this.bucketShift
      index = ((bucket + 1) << this.halfMagnitude) + (v >>> (bucket + this.unit)) - this.halfCount
    } else {
      index = countsIndex(this.layout, v)
    }
    this.counts[index]! += 1
    this.count++
    this.sum += v
    if (v < this.min) this.min = v
    if (v > this.max) this.max = v
  }

  /**
   * Records `value` and, when it exceeds `expectedInterval`, the values a
   * stalled measuring loop missed: value − k·interval for every k ≥ 1 while it
   * is ≥ interval (HdrHistogram's recordValueWithExpectedInterval). The missed
   * values are counted per index, so a huge value/interval ratio costs at most
   * one step per counts index, never one per value. Never throws.
   */
  recordWithExpectedInterval(value: number, expectedInterval: number): void {
    this.record(value)
    const interval = Math.round(expectedInterval)
    if (!(interval >= 1)) return
    let v = Math.round(value)
    if (!(v >= 0 && v <= this.highest)) v = v > this.highest ? this.highest : 0
    if (v < 2 * interval) return
    // Missed values v − k·interval, k = 1..n, all ≥ interval.
    let n = Math.floor(v / interval) - 1
    while (n > 0 && v - n * interval < interval) n--
    while (v - (n + 1) * interval >= interval) n++
    const layout = this.layout
    const counts = this.counts
    let k = 1
    while (k <= n) {
      const index = countsIndex(layout, v - k * interval)
      // Every later term down to the index's lowest value lands here too.
      let last = Math.floor((v - valueFromIndex(layout, index)) / interval)
      if (last > n) last = n
      counts[index]! += last - k + 1
      k = last + 1
    }
    const lowestMissed = v - n * interval
    this.count += n
    this.sum += n * v - (interval * n * (n + 1)) / 2
    if (lowestMissed < this.min) this.min = lowestMissed
  }

  /**
   * Ends the current interval at `nowMs` and starts the next one. The returned
   * counts array is the one recorded into (swapped out, not copied): give it
   * back with {@link release} once encoded, so the next cut reuses it.
   */
  /** Values recorded since the recorder was made (every interval, cut or not). */
  totalCount(): number {
    return this.countedBefore + this.count
  }

  /**
   * Sets the one observer that sees each interval when it is cut, before the
   * capture encodes and releases it. Off the record path: it costs nothing
   * until a cut.
   */
  observeCuts(observer: ((interval: Interval) => void) | undefined): void {
    this.cutObserver = observer
  }

  /**
   * The interval in progress, read without cutting it: `counts` is the live
   * array (read it now, do not keep it), `count` and `sum` its figures.
   */
  live(): { readonly counts: Float64Array; readonly count: number; readonly sum: number } {
    return { counts: this.counts, count: this.count, sum: this.sum }
  }

  cut(nowMs: number): Interval {
    this.countedBefore += this.count
    const counts = this.counts
    const next = this.spare ?? new Float64Array(this.layout.countsLength)
    this.spare = null
    this.counts = next
    const count = this.count
    const interval: Interval = {
      counts,
      count,
      sum: this.sum,
      // `+ 0` turns a -0 (a rounded -0.4) into 0.
      min: count > 0 ? this.min + 0 : 0,
      max: this.max,
      clamped: this.clamped,
      startMs: this.startMs,
      endMs: nowMs,
    }
    this.count = 0
    this.sum = 0
    this.min = Number.POSITIVE_INFINITY
    this.max = 0
    this.clamped = 0
    this.startMs = nowMs
    this.cutObserver?.(interval)
    return interval
  }

  /**
   * Hands an interval's counts array back for reuse: zeroed here, then
   * recorded into after the next cut. The interval must not be read after
   * this (its `counts` becomes empty). Releasing twice, or an array of another
   * layout, is ignored.
   */
  release(interval: Interval): void {
    const counts = interval.counts
    interval.counts = RELEASED
    if (this.spare !== null || counts === this.counts || counts.length !== this.layout.countsLength) return
    counts.fill(0)
    this.spare = counts
  }

  /** Out of the hot path: V8 inlines `record` better without this in it. */
  private clampOut(v: number): number {
    this.clamped++
    return v > this.highest ? this.highest : 0
  }
}
