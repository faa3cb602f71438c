/**
 * HdrHistogram's bucket layout as plain numbers, and the value → counts-index
 * math of the record hot path. Pure: no I/O, no allocation after `hdrLayout`.
 *
 * The layout is computed exactly as hdr-histogram-js's JsHistogram computes
 * it for the same parameters, so a counts array filled here can be copied
 * index for index into a JsHistogram (see hdr-codec.ts).
 */

/**
 * The bucket layout of an HdrHistogram: values 0..2^(h+1)·2^u go to bucket 0 at
 * unit resolution 2^u; each next bucket doubles the range and the step.
 * Field names follow HdrHistogram's.
 */
export interface HdrLayout {
  /** Lowest value told apart from 0 (lowestDiscernibleValue); an integer ≥ 1. */
  readonly lowest: number
  /** Highest value tracked (highestTrackableValue). */
  readonly highest: number
  /** Significant decimal digits, 0..5 (numberOfSignificantValueDigits). */
  readonly digits: number
  /** log2 of the unit step of bucket 0: floor(log2(lowest)). */
  readonly unitMagnitude: number
  /** log2 of subBucketHalfCount. */
  readonly subBucketHalfCountMagnitude: number
  /** Sub-buckets per bucket, a power of two ≥ 2·10^digits. */
  readonly subBucketCount: number
  /** subBucketCount / 2: the entries each bucket after the first adds. */
  readonly subBucketHalfCount: number
  /** (subBucketCount − 1)·2^unitMagnitude: values at or under it are in bucket 0. */
  readonly subBucketMask: number
  /** Buckets needed to cover `highest`. */
  readonly bucketCount: number
  /** Length of the counts array: (bucketCount + 1)·subBucketHalfCount. */
  readonly countsLength: number
  /** hdr-histogram-js's 53-bit variant of Java's 64 − unitMagnitude − subBucketHalfCountMagnitude − 1. */
  readonly leadingZeroCountBase: number
}

const TWO_POW_32 = 4_294_967_296

/** 2^-n for n in 0..63: dividing by a power of two is an exact multiplication. */
const INVERSE_POW2 = new Float64Array(64)
for (let n = 0; n < 64; n++) INVERSE_POW2[n] = 2 ** -n

/**
 * Computes the layout of an HdrHistogram tracking `lowest`..`highest` with
 * `digits` significant digits (the same layout hdr-histogram-js builds).
 * Not a hot path: called once per histogram.
 * @throws RangeError naming the bad parameter: `lowest` not an integer ≥ 1,
 * `highest` not an integer in 2·lowest..2^53−1, `digits` not an integer 0..5.
 */
export function hdrLayout(lowest: number, highest: number, digits: number): HdrLayout {
  if (!Number.isSafeInteger(lowest) || lowest < 1) {
    throw new RangeError(`lowest must be an integer ≥ 1, got ${lowest}`)
  }
  if (!Number.isSafeInteger(highest) || highest < 2 * lowest) {
    throw new RangeError(`highest must be an integer ≥ 2 × lowest (${2 * lowest}) and ≤ 2^53 − 1, got ${highest}`)
  }
  if (!Number.isInteger(digits) || digits < 0 || digits > 5) {
    throw new RangeError(`digits must be an integer from 0 to 5, got ${digits}`)
  }
  // Same expressions as JsHistogram.init, Math.log2 included, so that the
  // layouts agree even where log2 rounds (this runs once, not per record).
  const largestValueWithSingleUnitResolution = 2 * Math.floor(10 ** digits)
  const unitMagnitude = Math.floor(Math.log2(lowest))
  const subBucketCountMagnitude = Math.ceil(Math.log2(largestValueWithSingleUnitResolution))
  const subBucketHalfCountMagnitude = Math.max(subBucketCountMagnitude, 1) - 1
  const subBucketCount = 2 ** (subBucketHalfCountMagnitude + 1)
  const subBucketHalfCount = subBucketCount / 2
  const bucketCount = bucketsNeeded(subBucketCount * 2 ** unitMagnitude, highest)
  return Object.freeze({
    lowest,
    highest,
    digits,
    unitMagnitude,
    subBucketHalfCountMagnitude,
    subBucketCount,
    subBucketHalfCount,
    subBucketMask: (subBucketCount - 1) * 2 ** unitMagnitude,
    bucketCount,
    countsLength: (bucketCount + 1) * subBucketHalfCount,
    leadingZeroCountBase: 53 - unitMagnitude - subBucketHalfCountMagnitude - 1,
  })
}

/** JsHistogram.getBucketsNeededToCoverValue: bucket k covers up to subBucketCount·2^(u+k). */
function bucketsNeeded(smallestUntrackableValue: number, value: number): number {
  let untrackable = smallestUntrackableValue
  let buckets = 1
  while (untrackable <= value) {
    // One more doubling would pass 2^53: that bucket is the last one.
    if (untrackable > Number.MAX_SAFE_INTEGER / 2) return buckets + 1
    untrackable *= 2
    buckets++
  }
  return buckets
}

/**
 * Index in the counts array of an integer `value` in 0..2^53 − 1 (the
 * caller rounds and range-checks). Integer math only: the bucket is the
 * highest set bit, found with `Math.clz32` on the value's 32-bit halves.
 * Equals hdr-histogram-js's `countsArrayIndex(value)`.
 */
export function countsIndex(layout: HdrLayout, value: number): number {
  const unit = layout.unitMagnitude
  const halfMagnitude = layout.subBucketHalfCountMagnitude
  // Highest set bit of the value (−1 for 0).
  const msb = value >= TWO_POW_32 ? 63 - Math.clz32((value / TWO_POW_32) >>> 0) : 31 - Math.clz32(value)
  // Values under subBucketMask's top bit (at halfMagnitude + unit) are in bucket 0.
  let bucket = msb - halfMagnitude - unit
  if (bucket < 0) bucket = 0
  // < subBucketCount ≤ 2^18, so `| 0` is an exact floor.
  const subBucket = (value * INVERSE_POW2[bucket + unit]!) | 0
  return ((bucket + 1) << halfMagnitude) + subBucket - layout.subBucketHalfCount
}

/** The lowest value counted at `index` of the counts array (JsHistogram.valueFromIndex). */
export function valueFromIndex(layout: HdrLayout, index: number): number {
  const halfCount = layout.subBucketHalfCount
  let bucket = (index >> layout.subBucketHalfCountMagnitude) - 1
  let subBucket = (index & (halfCount - 1)) + halfCount
  if (bucket < 0) {
    subBucket -= halfCount
    bucket = 0
  }
  return subBucket * 2 ** (bucket + layout.unitMagnitude)
}

/**
 * The highest value counted at `index` (JsHistogram.highestEquivalentValue of
 * the index's value): the index covers valueFromIndex .. this, inclusive.
 */
export function highestValueAtIndex(layout: HdrLayout, index: number): number {
  let bucket = (index >> layout.subBucketHalfCountMagnitude) - 1
  if (bucket < 0) bucket = 0
  return valueFromIndex(layout, index) + 2 ** (bucket + layout.unitMagnitude) - 1
}
