import { actionKind, type Rule, type RuleSpec, type Selector } from '@prodbench/sdk/core'

/**
 * Which existing rules a new one replaces. A service holds at most one rule
 * per (selector, action kind) — where the selector includes `where`, and
 * captures also count per metric pattern — so setting a level never removes
 * a sample or a capture, debug for `user=42` never removes debug for
 * `user=7`, and a capture on `http.*` never stops one on `db.**`.
 *
 * Tails never replace and are never replaced: each tail rule belongs to one
 * viewer's stream, and two people tailing the same selector each keep theirs.
 */

/** True when setting `spec` replaces the existing `rule`. */
export function replaces(spec: RuleSpec, rule: Rule): boolean {
  if (!sameSelector(spec.selector, rule.selector)) return false
  const kind = actionKind(spec)
  if (kind === undefined || kind === 'tail' || kind !== actionKind(rule)) return false
  // Check rules count per check name: pausing db-ping never resumes cache-ping.
  if (spec.check !== undefined) return spec.check.name === rule.check?.name
  return spec.capture === undefined || spec.capture.metric === rule.capture?.metric
}

/** Same service, instance, logger and request attributes (absent and empty are the same). */
export function sameSelector(a: Selector, b: Selector): boolean {
  return (
    a.service === b.service &&
    (a.instance ?? '') === (b.instance ?? '') &&
    (a.logger ?? '') === (b.logger ?? '') &&
    sameWhere(a.where, b.where)
  )
}

/** Same attribute names with the same values, in any order. */
function sameWhere(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined) {
  const left = Object.keys(a ?? {})
  if (left.length !== Object.keys(b ?? {}).length) return false
  return left.every((key) => Object.hasOwn(b ?? {}, key) && b?.[key] === a?.[key])
}
