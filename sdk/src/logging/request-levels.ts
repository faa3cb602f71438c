import type { RequestScope } from '../context/request-context.js'
import { type EffectiveConfig, LEVEL_VALUES, loggerMatches, type Rule, whereMatches } from '../core/index.js'

/** What a request's attributes decided: its matching rules and the levels they give. */
interface Decision {
  readonly matched: readonly Rule[]
  /** Level value per logger name, filled on first use. */
  readonly levels: Map<string, number>
}

/**
 * Levels for requests: the level rules with `where` are matched against a
 * request's attributes once (and again only when its attributes or the
 * config change), and each logger's level for that request is cached, so a
 * log call costs one map lookup, whatever the number of rules.
 *
 * A request rule makes matching requests more verbose than the logger's
 * level; it never makes them quieter.
 */
export class RequestLevels {
  #config: EffectiveConfig | undefined
  /**
   * Request rules indexed by one of their attributes (name → value → rules
   * with their precedence rank), so matching a request looks up its own
   * attributes instead of walking every rule.
   */
  #index = new Map<string, Map<string, { rule: Rule; rank: number }[]>>()
  /** Changes with every config, so a request's cached decision is redone. */
  #generation = 0
  #now: () => number

  constructor(now: () => number = Date.now) {
    this.#now = now
  }

  /** True when any request rule is in force. */
  get active(): boolean {
    return (this.#config?.requestRules.length ?? 0) > 0
  }

  update(config: EffectiveConfig): void {
    this.#config = config
    this.#generation++
    this.#index = new Map()
    config.requestRules.forEach((rule, rank) => {
      const where = rule.selector.where ?? {}
      const key = Object.keys(where).sort()[0] as string
      const byValue = this.#index.get(key) ?? new Map<string, { rule: Rule; rank: number }[]>()
      this.#index.set(key, byValue)
      const value = where[key] as string
      const list = byValue.get(value) ?? []
      list.push({ rule, rank })
      byValue.set(value, list)
    })
  }

  /** Lowest level value any request rule gives logger `name` (Infinity when none covers it). */
  minFor(name: string): number {
    let min = Number.POSITIVE_INFINITY
    for (const rule of this.#config?.requestRules ?? []) {
      const value = LEVEL_VALUES[rule.level ?? 'silent']
      if (value < min && loggerMatches(rule.selector.logger, name)) min = value
    }
    return min
  }

  /** The request rules `scope` matches now (evaluated at most once per request and config). */
  matched(scope: RequestScope): readonly Rule[] {
    return this.#decide(scope).matched
  }

  /**
   * Logger `name`'s level value for the request of `scope`: the first
   * matching request rule covering it, or a level propagated from upstream,
   * when more verbose than `base`; else `base`.
   */
  levelFor(scope: RequestScope, name: string, base: number): number {
    const decision = this.#decide(scope)
    let level = decision.levels.get(name)
    if (level === undefined) {
      level = base
      for (const rule of decision.matched) {
        if (loggerMatches(rule.selector.logger, name)) {
          level = Math.min(base, LEVEL_VALUES[rule.level ?? 'silent'])
          break
        }
      }
      decision.levels.set(name, level)
    }
    const propagated = scope.propagated
    if (propagated !== undefined && propagated.levelValue < level) {
      if (propagated.expiresAt > this.#now()) return propagated.levelValue
      scope.propagated = undefined
    }
    return level
  }

  #match(scope: RequestScope): Rule[] {
    if (this.#index.size === 0) return []
    const attributes = scope.attributes
    const found: { rule: Rule; rank: number }[] = []
    for (const [key, byValue] of this.#index) {
      const value = attributes[key]
      const candidates = value === undefined ? undefined : byValue.get(value)
      if (!candidates) continue
      for (const candidate of candidates) {
        if (whereMatches(candidate.rule.selector.where, attributes)) found.push(candidate)
      }
    }
    if (found.length > 1) found.sort((a, b) => a.rank - b.rank)
    return found.map((c) => c.rule)
  }

  #decide(scope: RequestScope): Decision {
    const key = this.#generation * 1_000_003 + scope.version
    if (scope.decisionKey === key) return scope.decision as Decision
    const decision: Decision = { matched: this.#match(scope), levels: new Map() }
    scope.decision = decision
    scope.decisionKey = key
    return decision
  }
}
