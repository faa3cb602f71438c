/**
 * Durations as people type them: "500ms", "15s", "15m", "1h30m", "2d".
 * A bare number is milliseconds.
 */

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/y

/** Parses a duration to milliseconds; returns undefined when `text` is not one. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed)
  if (trimmed === '') return undefined
  let total = 0
  PART.lastIndex = 0
  while (PART.lastIndex < trimmed.length) {
    const start = PART.lastIndex
    const match = PART.exec(trimmed)
    if (!match || match.index !== start) return undefined
    total += Number(match[1]) * (UNITS[match[2] as string] as number)
  }
  return Math.round(total)
}

/** Formats milliseconds compactly: 900000 → "15m", 5400000 → "1h30m", 1500 → "1.5s". */
export function formatDuration(ms: number): string {
  if (Math.round(ms) < 1_000) return `${Math.round(ms)}ms`
  if (Math.round(ms / 100) < 600) return `${Number((ms / 1_000).toFixed(1))}s`
  const parts: string[] = []
  let rest = Math.round(ms / 1_000)
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`)
      rest %= size
    }
  }
  return parts.join('')
}
