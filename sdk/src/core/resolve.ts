import { fnv1a } from './hash.js'
import type { Level } from './levels.js'
import { type DesiredState, isExpired, type Rule } from './rules.js'

/** Who is asking: the instance a config is resolved for. */
export interface InstanceRef {
  readonly service: string
  readonly instance: string
}

/**
 * The rules of a desired state that apply to one instance at one moment,
 * ordered by precedence (the first rule matching a logger wins).
 */
export interface EffectiveConfig {
  /** KV revision the state came from; 0 when there was none. */
  readonly revision: number
  /** Applicable, unexpired rules, most specific first (level and capture rules alike). */
  readonly rules: readonly Rule[]
  /** The capture rules among `rules`, newest first. */
  readonly captures: readonly Rule[]
  /** Fingerprint of `rules` (ids, actions, expiries): equal hashes, equal behaviour. */
  readonly hash: string
  /** Earliest moment a rule in `rules` expires, when any does: resolve again then. */
  readonly nextExpiryAt?: number
}

/** Where a logger's level comes from. */
export type LevelSource = { readonly kind: 'rule'; readonly rule: Rule } | { readonly kind: 'code' }

/** A logger's level and the reason for it. */
export interface ResolvedLevel {
  readonly level: Level
  readonly source: LevelSource
}

/**
 * Resolves a service's desired state for one instance at `now`.
 *
 * Precedence, most specific first (documented in docs/rules.md):
 * 1. the rule whose logger pattern is deeper (more segments), then the one
 *    with more literal (non-`*`) segments; a rule without logger is the shallowest;
 * 2. then a rule naming this instance over one for every instance;
 * 3. then the newest (`createdAt`), then the greater id, so the order is total.
 */
export function resolve(state: DesiredState | undefined, who: InstanceRef, now: number, revision = 0): EffectiveConfig {
  const rules = (state?.rules ?? []).filter(
    (rule) =>
      rule.selector.service === who.service &&
      (rule.selector.instance === undefined || rule.selector.instance === who.instance) &&
      !isExpired(rule, now),
  )
  rules.sort(byPrecedence)
  let nextExpiryAt: number | undefined
  for (const rule of rules) {
    if (rule.expiresAt && (nextExpiryAt === undefined || rule.expiresAt < nextExpiryAt)) nextExpiryAt = rule.expiresAt
  }
  const captures = rules
    .filter((rule) => rule.capture !== undefined)
    .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
  const hash = fnv1a(
    JSON.stringify(rules.map((r) => [r.id, r.selector.logger ?? '', r.level ?? '', r.capture ?? '', r.expiresAt ?? 0])),
  )
  const config = { revision, rules, captures, hash }
  return nextExpiryAt === undefined ? config : { ...config, nextExpiryAt }
}

/**
 * The level of logger `name` ('' is the root logger) under `config`: the first
 * rule covering it, else the code's default for it from `codeLevels` (looked
 * up hierarchically the same way), else `fallback`.
 */
export function levelFor(
  config: EffectiveConfig,
  name: string,
  fallback: Level,
  codeLevels?: ReadonlyMap<string, Level>,
): ResolvedLevel {
  for (const rule of config.rules) {
    if (rule.level !== undefined && loggerMatches(rule.selector.logger, name)) {
      return { level: rule.level, source: { kind: 'rule', rule } }
    }
  }
  if (codeLevels && codeLevels.size > 0) {
    const segments = name === '' ? [] : name.split('.')
    for (let depth = segments.length; depth >= 0; depth--) {
      const level = codeLevels.get(segments.slice(0, depth).join('.'))
      if (level) return { level, source: { kind: 'code' } }
    }
  }
  return { level: fallback, source: { kind: 'code' } }
}

/**
 * True when a rule's logger pattern covers logger `name`: no pattern covers
 * every logger; "db" covers "db" and "db.pool"; "*" stands for one segment.
 */
export function loggerMatches(pattern: string | undefined, name: string): boolean {
  if (pattern === undefined || pattern === '') return true
  if (name === '') return false
  const want = pattern.split('.')
  const have = name.split('.')
  if (have.length < want.length) return false
  for (let i = 0; i < want.length; i++) {
    if (want[i] !== '*' && want[i] !== have[i]) return false
  }
  return true
}

function specificity(rule: Rule): [number, number, number] {
  const segments = rule.selector.logger ? rule.selector.logger.split('.') : []
  const literal = segments.filter((s) => s !== '*').length
  return [segments.length, literal, rule.selector.instance ? 1 : 0]
}

function byPrecedence(a: Rule, b: Rule): number {
  const sa = specificity(a)
  const sb = specificity(b)
  for (let i = 0; i < sa.length; i++) {
    const diff = (sb[i] as number) - (sa[i] as number)
    if (diff !== 0) return diff
  }
  if (a.createdAt !== b.createdAt) return b.createdAt - a.createdAt
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}
