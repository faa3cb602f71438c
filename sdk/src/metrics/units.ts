/**
 * Units a histogram records in. Values are recorded as integers of the unit,
 * so the unit sets the resolution: a `us` histogram tells 1 µs from 2 µs.
 */

/** Units a histogram may record in: time units, bytes, and `'1'` for plain counts. */
export const UNITS = ['ns', 'us', 'ms', 's', 'bytes', '1'] as const

/** One of {@link UNITS}. */
export type Unit = (typeof UNITS)[number]

/** The value range of a histogram: the HdrHistogram parameters. */
export interface UnitRange {
  /** Lowest value told apart from 0 (HdrHistogram's lowestDiscernibleValue). */
  lowest: number
  /** Highest value tracked; larger values are clamped to it. */
  highest: number
  /** Significant decimal digits (3 = 0.1 % relative error). */
  digits: number
}

const HOUR_S = 3_600
const TWO_POW_40 = 2 ** 40

// Time units track up to one hour (a day for seconds, where an hour of whole
// seconds is too coarse to be worth a range): latencies beyond that are
// outages, not distributions. Sizes and counts go to 1 TiB / 2^40.
const RANGES: Readonly<Record<Unit, Readonly<UnitRange>>> = {
  ns: { lowest: 1, highest: HOUR_S * 1e9, digits: 3 },
  us: { lowest: 1, highest: HOUR_S * 1e6, digits: 3 },
  ms: { lowest: 1, highest: HOUR_S * 1e3, digits: 3 },
  s: { lowest: 1, highest: 86_400, digits: 3 },
  bytes: { lowest: 1, highest: TWO_POW_40, digits: 3 },
  '1': { lowest: 1, highest: TWO_POW_40, digits: 3 },
}

/** Whether `value` is one of {@link UNITS}. */
export function isUnit(value: unknown): value is Unit {
  return typeof value === 'string' && Object.hasOwn(RANGES, value)
}

/**
 * The default range of a histogram in `unit` (a fresh object): 1 ns..1 h,
 * 1 µs..1 h, 1 ms..1 h, 1 s..1 day, 1 B..1 TiB, 1..2^40; 3 significant digits.
 */
export function defaultRange(unit: Unit): UnitRange {
  const range = RANGES[unit]
  if (range === undefined) throw new RangeError(`unit ${JSON.stringify(unit)} is not one of ${UNITS.join(', ')}`)
  return { ...range }
}
