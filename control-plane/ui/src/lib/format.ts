import { formatDuration } from './core-lite.js'

/** Display formats shared by the pages. */

/** "3m12s", "1h4m", "2d3h" — an uptime or an age. */
export function ago(ms: number): string {
  if (ms < 1_000) return 'now'
  return compact(ms)
}

/** Whole units, two at most: 3d4h, 2h5m, 4m10s, 12s. */
export function compact(ms: number): string {
  let rest = Math.max(0, Math.round(ms / 1_000))
  const parts: string[] = []
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (rest >= size || (unit === 's' && parts.length === 0)) {
      parts.push(`${Math.floor(rest / size)}${unit}`)
      rest %= size
    }
    if (parts.length === 2) break
  }
  return parts.join('')
}

/** A countdown to `at`: "14:59", "1:02:03", or "expired". */
export function countdown(at: number, now: number): string {
  const left = Math.ceil((at - now) / 1_000)
  if (left <= 0) return 'expired'
  const h = Math.floor(left / 3_600)
  const m = Math.floor((left % 3_600) / 60)
  const s = left % 60
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m)
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`
}

/** A TTL for humans ("15m"). */
export function ttl(ms: number): string {
  return formatDuration(ms)
}

const CLOCK = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
})

/** Clock time of a unix ms instant, "14:03:22". */
export function clock(at: number): string {
  return CLOCK.format(at)
}

const TIME_UNITS: Readonly<Record<string, number>> = { ns: 1e-9, us: 1e-6, ms: 1e-3, s: 1 }

/** A value recorded in `unit`, readable: 1234 us → "1.23 ms"; bytes → "1.2 KiB". */
export function measure(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '–'
  const scale = TIME_UNITS[unit]
  if (scale !== undefined) {
    const seconds = value * scale
    if (seconds === 0) return '0'
    if (seconds < 1e-6) return `${round(seconds * 1e9)} ns`
    if (seconds < 1e-3) return `${round(seconds * 1e6)} µs`
    if (seconds < 1) return `${round(seconds * 1e3)} ms`
    return `${round(seconds)} s`
  }
  if (unit === 'bytes') {
    const steps = ['B', 'KiB', 'MiB', 'GiB']
    let v = value
    let i = 0
    while (v >= 1024 && i < steps.length - 1) {
      v /= 1024
      i++
    }
    return `${round(v)} ${steps[i]}`
  }
  return round(value)
}

// Made once: a formatter per call (what toLocaleString does) costs more than the rest of a table row.
const DIGITS = [0, 1, 2].map((d) => new Intl.NumberFormat('en-US', { maximumFractionDigits: d }))

/** 3 significant digits, no trailing zeros. */
export function round(value: number): string {
  if (value === 0) return '0'
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2
  return (DIGITS[digits] as Intl.NumberFormat).format(value)
}

/** 1,234 */
export function count(n: number): string {
  return (DIGITS[0] as Intl.NumberFormat).format(n)
}

/** "1 instance", "3 instances". */
export function plural(n: number, word: string): string {
  return `${count(n)} ${word}${n === 1 ? '' : 's'}`
}

const DAY_AND_CLOCK = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
})

/** "14:03:22" on the day of `now`, "Nov 25, 14:03:22" before. */
export function stamp(at: number, now: number): string {
  return new Date(at).toDateString() === new Date(now).toDateString() ? clock(at) : DAY_AND_CLOCK.format(at)
}

/** "14:03:22.041": a log record's time, to the millisecond. */
export function clockMs(at: number): string {
  return `${clock(at)}.${String(Math.floor(at % 1_000)).padStart(3, '0')}`
}

/** "now", or "5s ago", "3m12s ago". */
export function since(ms: number): string {
  const text = ago(ms)
  return text === 'now' ? text : `${text} ago`
}
