import { parseDuration, RuleSpec } from '@prodbench/sdk/core'
import { z } from 'zod'

// The page's policy forbids eval: zod must not try to compile its parsers.
z.config({ jitless: true })

/**
 * The rule form's values → a RuleSpec, checked with the SAME zod schema the
 * control plane uses (bundled from @prodbench/sdk/core), so the form names a
 * bad field before anything is sent; the server checks again.
 */

/** The kinds of rule the form creates. */
export type FormKind = 'level' | 'sample' | 'capture'

/** The form's fields, as typed. */
export interface RuleFormValues {
  kind: FormKind
  logger: string
  instance: string
  where: string
  level: string
  rate: string
  metric: string
  interval: string
  ttl: string
  reason: string
}

/** Problems by form field name. */
export type FieldErrors = Partial<Record<keyof RuleFormValues, string>>

/** The spec to send (without the service, which the URL carries), or the problems by field. */
export function buildSpec(service: string, v: RuleFormValues): { spec?: Record<string, unknown>; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const ttlMs = v.ttl.trim() === '' ? 0 : parseDuration(v.ttl)
  if (ttlMs === undefined) errors.ttl = 'a duration such as 90s, 15m or 1h (empty: no expiry)'
  const where = parseWhere(v.where)
  if (typeof where === 'string') errors.where = where
  const intervalMs = parseDuration(v.interval)
  if (v.kind === 'capture' && intervalMs === undefined) errors.interval = 'a duration such as 1s or 10s'

  const selector: Record<string, unknown> = { service }
  if (v.kind !== 'capture') {
    if (v.logger.trim()) selector.logger = v.logger.trim()
    if (typeof where === 'object' && Object.keys(where).length > 0) selector.where = where
  }
  if (v.instance) selector.instance = v.instance
  const spec: Record<string, unknown> = { selector }
  if (v.kind === 'level') spec.level = v.level
  if (v.kind === 'sample') spec.sample = { level: v.level, rate: v.rate.trim() === '' ? Number.NaN : Number(v.rate) }
  if (v.kind === 'capture') spec.capture = { metric: v.metric.trim(), intervalMs: intervalMs ?? 0 }
  if (ttlMs) spec.ttlMs = ttlMs
  if (v.reason.trim()) spec.reason = v.reason.trim()

  const parsed = RuleSpec.safeParse(spec)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path.map(String))
      errors[field] ??= issue.message
    }
  }
  if (Object.keys(errors).length > 0) return { errors }
  const { service: _service, ...rest } = selector
  return { spec: { ...spec, selector: rest }, errors }
}

/** The form field a RuleSpec path (or a server's `rule.…` field) is about. */
export function fieldOf(path: readonly string[]): keyof RuleFormValues {
  const p = path[0] === 'rule' ? path.slice(1) : path
  const [a, b] = p
  if (a === 'selector')
    return b === 'logger' ? 'logger' : b === 'instance' ? 'instance' : b === 'where' ? 'where' : 'logger'
  if (a === 'sample') return b === 'rate' ? 'rate' : 'level'
  if (a === 'capture') return b === 'intervalMs' || b === 'interval_ms' ? 'interval' : 'metric'
  if (a === 'ttlMs' || a === 'ttl_ms') return 'ttl'
  if (a === 'reason') return 'reason'
  return 'level'
}

/** "user=42, tenant=acme" → { user: "42", tenant: "acme" }, or what is wrong with it. */
export function parseWhere(text: string): Record<string, string> | string {
  const where: Record<string, string> = {}
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=')
    if (eq <= 0) return `"${part}" is not name=value`
    where[part.slice(0, eq).trim()] = part.slice(eq + 1).trim()
  }
  return where
}
