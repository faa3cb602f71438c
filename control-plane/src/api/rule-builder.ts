import { randomBytes } from 'node:crypto'
import { ACTION_KINDS, type Rule, type RuleSpec } from '@prodbench/sdk/core'

/** `r-` and 10 random hex digits. */
export function newRuleId(): string {
  return `r-${randomBytes(5).toString('hex')}`
}

/**
 * The rule a spec becomes when written at `now`: its action (whichever one
 * is set), `createdAt`, the author, the expiry from the TTL and the reason.
 */
export function buildRule(spec: RuleSpec, id: string, author: string, now: number): Rule {
  const rule: Rule = {
    id,
    selector: spec.selector,
    createdAt: now,
    author,
    ...(spec.ttlMs ? { expiresAt: now + spec.ttlMs } : {}),
    ...(spec.reason ? { reason: spec.reason } : {}),
  }
  // Copy the one action set (the schemas checked there is exactly one), whatever its kind.
  const actions = rule as Record<string, unknown>
  for (const kind of ACTION_KINDS) if (spec[kind] !== undefined) actions[kind] = spec[kind]
  return rule
}
