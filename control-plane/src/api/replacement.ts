import type { Rule, RuleSpec, Selector } from '@prodbench/sdk/core'

/**
 * Which existing rules a new one replaces. A service holds at most one rule
 * per (selector, action kind) — and, for captures, per metric pattern — so
 * setting a level never removes a capture and starting a capture on
 * `http.*` never stops one on `db.**`.
 */

/** The action a rule or spec carries. */
export type ActionKind = 'level' | 'capture'

/** The action kind of a rule or spec (exactly one action is set: the schemas check it). */
export function actionKind(rule: Pick<Rule, 'level' | 'capture'>): ActionKind {
  return rule.capture !== undefined ? 'capture' : 'level'
}

/** True when setting `spec` replaces the existing `rule`. */
export function replaces(spec: RuleSpec, rule: Rule): boolean {
  if (!sameSelector(spec.selector, rule.selector)) return false
  if (actionKind(spec) !== actionKind(rule)) return false
  return spec.capture === undefined || spec.capture.metric === rule.capture?.metric
}

/** Same service, instance and logger (absent and empty are the same). */
export function sameSelector(a: Selector, b: Selector): boolean {
  return a.service === b.service && (a.instance ?? '') === (b.instance ?? '') && (a.logger ?? '') === (b.logger ?? '')
}
