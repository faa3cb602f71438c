/**
 * The exact figures each snapshot carries (count, sum, min, max, clamped),
 * added up across instances and windows. They come from the recorder, not
 * from the histogram's buckets, so count, sum, mean and max stay exact while
 * percentiles have the histogram's resolution.
 */

/** Exact figures of the values in a window (or a merge of windows). */
export interface Figures {
  readonly count: number
  readonly sum: number
  /** 0 when count is 0. */
  readonly min: number
  /** 0 when count is 0. */
  readonly max: number
  /** Values clamped into the histogram's range. */
  readonly clamped: number
}

/** Figures of nothing. */
export const NO_FIGURES: Figures = Object.freeze({ count: 0, sum: 0, min: 0, max: 0, clamped: 0 })

/** `a` and `b` together: counts and sums added, min of mins and max of maxes over the non-empty ones. */
export function addFigures(a: Figures, b: Figures): Figures {
  const clamped = a.clamped + b.clamped
  if (b.count === 0) return { count: a.count, sum: a.sum, min: a.min, max: a.max, clamped }
  if (a.count === 0) return { count: b.count, sum: b.sum, min: b.min, max: b.max, clamped }
  return {
    count: a.count + b.count,
    sum: a.sum + b.sum,
    min: Math.min(a.min, b.min),
    max: Math.max(a.max, b.max),
    clamped,
  }
}
