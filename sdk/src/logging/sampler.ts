import { type Attributes, LEVEL_VALUES, loggerMatches, type Rule, whereMatches } from '../core/index.js'
import { LogCounts } from './log-counts.js'

/**
 * Log sampling: a sample rule keeps records at its level or below with
 * probability `rate`. Rules are looked up in precedence order; the answer for
 * a (logger, level) is cached when no sample rule depends on the request.
 */
export class Sampler {
  #rules: readonly Rule[] = []
  #dependsOnRequest = false
  readonly #cache = new Map<string, number>()
  /** Records left out since start, per logger and level. */
  readonly sampledOut = new LogCounts()
  /** True while any sample rule is in force: the hot path checks it first. */
  active = false
  readonly #random: () => number

  constructor(random: () => number = Math.random) {
    this.#random = random
  }

  update(rules: readonly Rule[]): void {
    this.#rules = rules
    this.#dependsOnRequest = rules.some((rule) => rule.selector.where !== undefined)
    this.#cache.clear()
    this.active = rules.length > 0
  }

  /**
   * The rate a record of logger `name` at `levelValue` is kept with, or 0
   * when this one is to be left out (it is counted then).
   */
  decide(name: string, levelValue: number, attributes: () => Attributes | undefined): number {
    let rate: number
    if (this.#dependsOnRequest) {
      rate = this.#lookup(name, levelValue, attributes())
    } else {
      const key = `${levelValue}\u0000${name}`
      const cached = this.#cache.get(key)
      rate = cached ?? this.#lookup(name, levelValue, undefined)
      if (cached === undefined) this.#cache.set(key, rate)
    }
    if (rate >= 1 || this.#random() < rate) return rate
    this.sampledOut.add(name, levelValue)
    return 0
  }

  #lookup(name: string, levelValue: number, attributes: Attributes | undefined): number {
    for (const rule of this.#rules) {
      const sample = rule.sample
      if (!sample || levelValue > LEVEL_VALUES[sample.level]) continue
      if (loggerMatches(rule.selector.logger, name) && whereMatches(rule.selector.where, attributes)) return sample.rate
    }
    return 1
  }
}
