import { buildRule, newRuleId } from '../api/rule-builder.js'
import type { InstanceRegistry } from '../registry/index.js'
import type { DesiredStore } from '../state/desired-store.js'

/** Author of the quarantine rules the control plane writes by itself. */
export const AUTO_QUARANTINE_AUTHOR = 'prodbench:auto-quarantine'

/**
 * Most instances of a service that may be quarantined at once when it has
 * `live` live instances: `floor(live × fraction)`, at least 1, but never all
 * of them — a service with one live instance is never quarantined
 * automatically, and one with two loses at most one. Pure.
 */
export function quarantineCap(live: number, fraction: number): number {
  if (live < 2) return 0
  return Math.min(live - 1, Math.max(1, Math.floor(live * fraction)))
}

/** What became of a quarantine request. */
export type QuarantineOutcome = 'quarantined' | 'already' | 'capped' | 'not-live'

/** Options of {@link AutoQuarantine}. */
export interface AutoQuarantineOptions {
  readonly store: DesiredStore
  readonly registry: InstanceRegistry
  /** Largest share of a service's live instances quarantined at once (see {@link quarantineCap}). */
  readonly maxFraction: number
  /** TTL of the rules written (0: none): a forgotten quarantine ends, and a dead instance's rule goes away. */
  readonly ttlMs: number
  /**
   * Wall clock, for tests.
   * @default Date.now
   */
  readonly now?: () => number
}

/**
 * Quarantines an instance whose SDK asked for it (its `autoQuarantine`
 * covers the incident's kind) by writing a quarantine rule naming it —
 * unless the service is at its cap. Quarantined now means: a live instance
 * whose heartbeat reports an active quarantine, or that an unexpired
 * quarantine rule names. The count is taken inside the desired state's
 * compare-and-set, so two control planes racing cannot both take the last
 * slot.
 */
export class AutoQuarantine {
  readonly #o: AutoQuarantineOptions
  readonly #now: () => number
  readonly #counts = { quarantined: 0, capped: 0, already: 0, notLive: 0 }

  constructor(options: AutoQuarantineOptions) {
    this.#o = options
    this.#now = options.now ?? Date.now
  }

  /**
   * Quarantines `instance` of `service` for incident `incident` when the cap allows.
   * @throws {UnavailableError} when NATS is down; {@link ConflictError} after lost races
   */
  async request(
    service: string,
    instance: string,
    incident: { id: string; title: string },
  ): Promise<QuarantineOutcome> {
    const reason = `incident ${incident.id}: ${incident.title}`.slice(0, 1_000)
    const change = await this.#o.store.change(service, ({ state }, now) => {
      const live = new Map(this.#o.registry.live(service, this.#now()).map((r) => [r.instance, r]))
      if (!live.has(instance)) return { state: undefined, result: 'not-live' as const }
      const quarantined = new Set<string>()
      for (const record of live.values()) if (record.quarantine?.active) quarantined.add(record.instance)
      for (const rule of state.rules) {
        const named = rule.selector.instance
        if (rule.quarantine !== undefined && named !== undefined && live.has(named)) quarantined.add(named)
      }
      if (quarantined.has(instance)) return { state: undefined, result: 'already' as const }
      if (quarantined.size >= quarantineCap(live.size, this.#o.maxFraction)) {
        return { state: undefined, result: 'capped' as const }
      }
      const rule = buildRule(
        {
          selector: { service, instance },
          quarantine: { reason },
          reason,
          ...(this.#o.ttlMs > 0 ? { ttlMs: this.#o.ttlMs } : {}),
        },
        newRuleId(),
        AUTO_QUARANTINE_AUTHOR,
        now,
      )
      return { state: { ...state, rules: [...state.rules, rule] }, result: 'quarantined' as const }
    })
    const outcome: QuarantineOutcome = change.result
    if (outcome === 'not-live') this.#counts.notLive++
    else this.#counts[outcome]++
    return outcome
  }

  /** Requests by outcome since start. */
  stats(): { quarantined: number; capped: number; already: number; notLive: number } {
    return { ...this.#counts }
  }
}
