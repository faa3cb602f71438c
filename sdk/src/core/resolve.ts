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
  /** Level rules with `where`: they apply to matching requests only. Precedence order. */
  readonly requestRules: readonly Rule[]
  /** Sample, record and tail rules, each list in precedence order. */
  readonly samples: readonly Rule[]
  readonly records: readonly Rule[]
  readonly tails: readonly Rule[]
  /** The budget rule in force (instance-specific first, then newest), when any. */
  readonly budget?: Rule
  /** Check rules, newest first per check name (the first for a name wins). */
  readonly checks: readonly Rule[]
  /** The quarantine rule naming this instance, when there is one. */
  readonly quarantine?: Rule
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
 * 2. then the rule requiring more request attributes (`where`);
 * 3. then a rule naming this instance over one for every instance;
 * 4. then the newest (`createdAt`), then the greater id, so the order is total.
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
    JSON.stringify(
      rules.map((r) => [
        r.id,
        r.selector.logger ?? '',
        r.selector.where ?? {},
        r.level ?? '',
        r.capture ?? '',
        r.sample ?? '',
        r.budget ?? '',
        r.record ?? '',
        r.tail ?? '',
        r.check ?? '',
        r.quarantine ?? '',
        r.expiresAt ?? 0,
      ]),
    ),
  )
  const budget = rules.find((rule) => rule.budget !== undefined)
  const quarantine = rules.find((rule) => rule.quarantine !== undefined)
  const config: EffectiveConfig = {
    revision,
    rules,
    captures,
    requestRules: rules.filter((rule) => rule.level !== undefined && rule.selector.where !== undefined),
    samples: rules.filter((rule) => rule.sample !== undefined),
    records: rules.filter((rule) => rule.record !== undefined),
    tails: rules.filter((rule) => rule.tail !== undefined),
    checks: rules.filter((rule) => rule.check !== undefined),
    hash,
    ...(budget ? { budget } : {}),
    ...(quarantine ? { quarantine } : {}),
  }
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
    if (rule.level !== undefined && rule.selector.where === undefined && loggerMatches(rule.selector.logger, name)) {
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

/** Request attributes as the SDK knows them: absent keys are undefined. */
export type Attributes = Readonly<Record<string, string | undefined>>

/** True when every attribute `where` requires has the same value in `attributes`. */
export function whereMatches(
  where: Readonly<Record<string, string>> | undefined,
  attributes: Attributes | undefined,
): boolean {
  if (where === undefined) return true
  if (attributes === undefined) return false
  for (const key in where) {
    if (attributes[key] !== where[key]) return false
  }
  return true
}

/**
 * The request rules of `config` (level rules with `where`) that a request
 * with `attributes` matches, in precedence order: evaluated once per request.
 */
export function requestRulesFor(config: EffectiveConfig, attributes: Attributes): Rule[] {
  return config.requestRules.filter((rule) => whereMatches(rule.selector.where, attributes))
}

/**
 * The first rule of `rules` (in precedence order) covering logger `name` for
 * a record logged with `attributes` (undefined outside a request): the
 * lookup for sample, record and tail rules.
 */
export function firstCovering(
  rules: readonly Rule[],
  name: string,
  attributes: Attributes | undefined,
): Rule | undefined {
  for (const rule of rules) {
    if (loggerMatches(rule.selector.logger, name) && whereMatches(rule.selector.where, attributes)) return rule
  }
  return undefined
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

function specificity(rule: Rule): [number, number, number, number] {
  const segments = rule.selector.logger ? rule.selector.logger.split('.') : []
  const literal = segments.filter((s) => s !== '*').length
  const where = rule.selector.where ? Object.keys(rule.selector.where).length : 0
  return [segments.length, literal, where, rule.selector.instance ? 1 : 0]
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
