/**
 * The extra redaction of log records shown to viewers. Records are pino JSON
 * lines, already redacted by the service's own pino `redact` paths (the
 * logger serialises them, whatever level or tail is on); for a viewer the
 * control plane also replaces the value of every attribute named in
 * `viewerRedact`, at any depth, by "[Redacted]" before streaming it.
 */

/** The value a redacted attribute gets (pino's own placeholder). */
export const REDACTED = '[Redacted]'

/** Attribute names redacted for viewers when none are configured. */
export const DEFAULT_VIEWER_REDACT: readonly string[] = Object.freeze([
  'user',
  'email',
  'card',
  'password',
  'token',
  'authorization',
  'cookie',
  'ip',
])

/** Redacts one record: a JSON line in, a JSON line out. */
export type RecordRedactor = (record: string) => string

/**
 * A redactor for `names` (case-insensitive). A record that is not JSON is
 * not shown at all (it could hold anything): it becomes a note saying so.
 */
export function createRedactor(names: readonly string[]): RecordRedactor {
  const wanted = new Set(names.map((name) => name.toLowerCase()))
  return (record) => {
    let value: unknown
    try {
      value = JSON.parse(record)
    } catch {
      return JSON.stringify({ msg: `${REDACTED} (a record that is not JSON)` })
    }
    return JSON.stringify(redactValue(value, wanted))
  }
}

/** Redacts a string map (an incident's request context) by key. */
export function redactMap(map: Record<string, string>, names: readonly string[]): Record<string, string> {
  const wanted = new Set(names.map((name) => name.toLowerCase()))
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, wanted.has(k.toLowerCase()) ? REDACTED : v]))
}

function redactValue(value: unknown, wanted: ReadonlySet<string>, depth = 0): unknown {
  if (depth > 32 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((item) => redactValue(item, wanted, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    out[key] = wanted.has(key.toLowerCase()) ? REDACTED : redactValue(item, wanted, depth + 1)
  }
  return out
}
