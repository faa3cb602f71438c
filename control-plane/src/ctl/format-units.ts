/**
 * Numbers as people read them: values in a histogram's unit ("850us",
 * "12.3ms", "1.2s", "1.5KiB"), counts ("1,234") and rates ("1,234/s").
 * Pure: no I/O, no clock.
 */

/** Nanoseconds per unit of each time unit a histogram may record in. */
const TIME_UNITS: Readonly<Record<string, number>> = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 }
const TIME_STEPS = [
  { size: 1, suffix: 'ns' },
  { size: 1e3, suffix: 'us' },
  { size: 1e6, suffix: 'ms' },
  { size: 1e9, suffix: 's' },
] as const
const BYTE_STEPS = [
  { size: 1, suffix: 'B' },
  { size: 1024, suffix: 'KiB' },
  { size: 1024 ** 2, suffix: 'MiB' },
  { size: 1024 ** 3, suffix: 'GiB' },
  { size: 1024 ** 4, suffix: 'TiB' },
] as const
const PLAIN_STEPS = [
  { size: 1, suffix: '' },
  { size: 1e3, suffix: 'k' },
  { size: 1e6, suffix: 'M' },
  { size: 1e9, suffix: 'G' },
  { size: 1e12, suffix: 'T' },
] as const

/** Whether `unit` is a time unit (ns, us, ms, s). */
export function isTimeUnit(unit: string): boolean {
  return Object.hasOwn(TIME_UNITS, unit)
}

/**
 * `value` (in `unit`: ns, us, ms, s, bytes or 1) in the largest unit that
 * keeps it at 1 or more, with three significant digits: 850us, 12.3ms, 1.2s,
 * 1.5KiB, 12.3k. Another unit is kept as it is: "12.3 widgets".
 */
export function formatValue(value: number, unit: string | undefined): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞'
  const time = TIME_UNITS[unit ?? '']
  if (time !== undefined) return scaled(value * time, TIME_STEPS)
  if (unit === 'bytes') return scaled(value, BYTE_STEPS)
  if (!unit || unit === '1') return scaled(value, PLAIN_STEPS)
  return `${significant(value)} ${unit}`
}

/** A count with thousands separators: 1,234,567. */
export function formatCount(count: number): string {
  return Math.round(count).toLocaleString('en-US')
}

/** Values per second over `ms`: "1,234/s", "12.3/s", "0.05/s"; "-" for an empty span. */
export function formatRate(count: number, ms: number): string {
  if (!(ms > 0)) return '-'
  const perSecond = (count * 1_000) / ms
  return `${perSecond >= 1_000 ? formatCount(perSecond) : significant(perSecond)}/s`
}

/** A share of a total: "12.3%", "100%", "<0.1%" (never 0% for something that is there). */
export function formatShare(part: number, total: number): string {
  if (!(total > 0) || part <= 0) return '0%'
  const percent = (part * 100) / total
  if (percent < 0.05) return '<0.1%'
  return percent >= 99.95 ? '100%' : `${percent.toFixed(1)}%`
}

/** The quantile as people write it: 0.5 → "p50", 0.999 → "p99.9", 1 → "max". */
export function quantileLabel(quantile: number): string {
  if (quantile >= 1) return 'max'
  return `p${Number((quantile * 100).toPrecision(6))}`
}

function scaled(value: number, steps: readonly { size: number; suffix: string }[]): string {
  if (value === 0) return `0${steps[0]?.suffix ?? ''}`
  let index = 0
  while (index < steps.length - 1 && Math.abs(value) >= (steps[index + 1] as { size: number }).size) index++
  let step = steps[index] as { size: number; suffix: string }
  let text = significant(value / step.size)
  // 999.96us rounds to "1000us": say "1ms" instead.
  const next = steps[index + 1]
  if (next && Math.abs(Number(text)) * step.size >= next.size) {
    step = next
    text = significant(value / step.size)
  }
  return `${text}${step.suffix}`
}

/** Three significant digits, no trailing zeros, no exponent: 1.2, 12.3, 850, 1230. */
function significant(value: number): string {
  const magnitude = Math.abs(value)
  if (magnitude >= 100) return String(Math.round(value))
  const decimals = magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : Math.min(6, 2 - Math.floor(Math.log10(magnitude)))
  return String(Number(value.toFixed(decimals)))
}

/**
 * A counter's or gauge's amount in `unit`: plain whole numbers with thousands
 * separators up to ten million ("1,234"), anything else as {@link formatValue}
 * ("1.5MiB", "12.3ms", "12.3M", "0.75").
 */
export function formatAmount(value: number, unit: string | undefined): string {
  const plain = !unit || unit === '1'
  if (plain && Number.isInteger(value) && Math.abs(value) < 1e7) return formatCount(value)
  return formatValue(value, unit)
}

/**
 * A per-second rate in `unit`: plain rates with one decimal below a thousand
 * ("12.0/s", "0.5/s"), then scaled ("1.23k/s"); others as {@link formatValue}
 * per second ("1.5MiB/s", "250ms/s").
 */
export function formatPerSecond(rate: number, unit: string | undefined): string {
  const plain = !unit || unit === '1'
  if (!plain) return `${formatValue(rate, unit)}/s`
  if (Math.abs(rate) >= 1_000) return `${formatValue(rate, '')}/s`
  // 0.02/s would read as 0.0/s: keep two significant digits for slow counters.
  if (rate !== 0 && Math.abs(rate) < 0.05) return `${Number(rate.toPrecision(2))}/s`
  return `${rate.toFixed(1)}/s`
}
