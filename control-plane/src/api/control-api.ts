import { randomBytes } from 'node:crypto'
import { isExpired, type Rule, type RuleSpec } from '@prodbench/sdk/core'
import { CorruptStateError, NotFoundError, TooManyCapturesError } from '../errors.js'
import type { InstanceRecord, InstanceRegistry } from '../registry/index.js'
import { type Rollout, waitForRollout } from '../rollout/index.js'
import type { DesiredStore } from '../state/desired-store.js'
import { replaces } from './replacement.js'

/** What SetRule and RemoveRules answer. */
export interface ChangeResult {
  /** The rule added, or the rules removed. */
  readonly rules: Rule[]
  /** Ids of rules the new one replaced (same selector and action kind; for captures, same metric). */
  readonly replacedIds: string[]
  readonly rollout: Rollout
}

/** One live instance's instruments (ListMetrics). */
export interface InstanceMetrics {
  readonly instance: string
  readonly metrics: InstanceRecord['metrics']
}

/** One service at a glance. */
export interface ServiceSummary {
  readonly service: string
  readonly instances: number
  readonly rules: number
  readonly revision: number
}

/** A service's rules, live instances and what each one applied. */
export interface ServiceStatus {
  readonly service: string
  readonly revision: number
  readonly rules: Rule[]
  readonly instances: InstanceRecord[]
}

/** Options of {@link ControlApi}. */
export interface ControlApiOptions {
  readonly store: DesiredStore
  readonly registry: InstanceRegistry
  /** Wait used when a request asks for none. */
  readonly defaultWaitMs: number
  /** Most unexpired capture rules one service may hold. */
  readonly maxCaptures: number
  /** Aborted when the control plane closes, to end waits in flight. */
  readonly signal?: AbortSignal
  /** Reports problems that do not fail a request (a corrupt key while listing). */
  readonly warn?: (message: string) => void
  /**
   * Wall clock, for tests.
   * @default Date.now
   */
  readonly now?: () => number
}

/**
 * The ControlPlane operations, independent of gRPC: typed, validated inputs
 * in; rules, rollouts and registry records out. Errors are prodbench errors.
 */
export class ControlApi {
  readonly #o: ControlApiOptions
  readonly #now: () => number

  constructor(options: ControlApiOptions) {
    this.#o = options
    this.#now = options.now ?? Date.now
  }

  /**
   * Adds a rule, replacing any with the same selector and action kind (for a
   * capture: and the same metric pattern), and waits for the rollout.
   * @throws {TooManyCapturesError} when a new capture would exceed `maxCaptures`
   */
  async setRule(spec: RuleSpec, author: string, waitMs?: number): Promise<ChangeResult> {
    const startedAt = performance.now()
    const id = newRuleId()
    const change = await this.#o.store.change(spec.selector.service, ({ state }, now) => {
      const rule: Rule = {
        id,
        selector: spec.selector,
        ...(spec.level !== undefined ? { level: spec.level } : {}),
        ...(spec.capture !== undefined ? { capture: spec.capture } : {}),
        createdAt: now,
        author,
        ...(spec.ttlMs ? { expiresAt: now + spec.ttlMs } : {}),
        ...(spec.reason ? { reason: spec.reason } : {}),
      }
      const replaced = state.rules.filter((r) => replaces(spec, r)).map((r) => r.id)
      const kept = state.rules.filter((r) => !replaced.includes(r.id))
      // Checked inside the compare-and-set: two operators racing cannot both take the last slot.
      // Expired rules are already pruned from `state`, so they do not count.
      if (spec.capture && kept.filter((r) => r.capture !== undefined).length >= this.#o.maxCaptures) {
        throw new TooManyCapturesError(spec.selector.service, this.#o.maxCaptures)
      }
      return { state: { ...state, rules: [...kept, rule] }, result: { rule, replaced } }
    })
    const rollout = await this.#rollout(spec.selector.service, change.revision, waitMs, startedAt)
    return { rules: [change.result.rule], replacedIds: change.result.replaced, rollout }
  }

  /**
   * Removes rules by id (an unknown id fails the whole request with
   * PB_NOT_FOUND, nothing removed) or every rule matching the filters (all
   * rules when there are none, which also resets a corrupt state).
   */
  async removeRules(input: {
    service: string
    ruleIds: readonly string[]
    instance?: string | undefined
    logger?: string | undefined
    waitMs?: number | undefined
  }): Promise<ChangeResult> {
    const startedAt = performance.now()
    const byIds = input.ruleIds.length > 0
    const everything = !byIds && input.instance === undefined && input.logger === undefined
    const change = await this.#o.store.change(
      input.service,
      ({ state }) => {
        let removed: Rule[]
        if (byIds) {
          const missing = input.ruleIds.filter((id) => !state.rules.some((r) => r.id === id))
          if (missing.length > 0) {
            throw new NotFoundError(
              `no rule ${missing.join(', ')} in service ${input.service} (never existed, removed, or expired)`,
            )
          }
          removed = state.rules.filter((r) => input.ruleIds.includes(r.id))
        } else {
          removed = state.rules.filter(
            (r) =>
              (input.instance === undefined || r.selector.instance === input.instance) &&
              (input.logger === undefined || r.selector.logger === input.logger),
          )
        }
        // Nothing to remove: no write, so no new revision to roll out.
        if (removed.length === 0 && !everything) return { state: undefined, result: removed }
        const next = state.rules.filter((r) => !removed.includes(r))
        return { state: { ...state, rules: next }, result: removed }
      },
      { resetCorrupt: everything },
    )
    const rollout = await this.#rollout(input.service, change.revision, input.waitMs, startedAt)
    return { rules: change.result, replacedIds: [], rollout }
  }

  /** Unexpired rules of a service, oldest first, and the revision they were read at. */
  async listRules(service: string): Promise<{ rules: Rule[]; revision: number }> {
    const { state, revision } = await this.#o.store.read(service)
    return { rules: this.#unexpired(state.rules), revision }
  }

  /** Every service with a desired state or a live instance. */
  async listServices(): Promise<ServiceSummary[]> {
    const now = this.#now()
    const live = this.#o.registry.services(now)
    const names = new Set([...(await this.#o.store.services()), ...live.keys()])
    const summaries = await Promise.all(
      [...names].sort().map(async (service): Promise<ServiceSummary> => {
        const instances = live.get(service) ?? 0
        try {
          const { rules, revision } = await this.listRules(service)
          return { service, instances, rules: rules.length, revision }
        } catch (err) {
          if (!(err instanceof CorruptStateError)) throw err
          this.#o.warn?.(err.message)
          return { service, instances, rules: 0, revision: 0 }
        }
      }),
    )
    return summaries
  }

  /** Live instances of one service, or of every service. */
  listInstances(service: string | undefined): InstanceRecord[] {
    return this.#o.registry.live(service, this.#now())
  }

  /** The instruments of each live instance of a service, as their last heartbeats listed them. */
  listMetrics(service: string): InstanceMetrics[] {
    return this.listInstances(service).map((record) => ({ instance: record.instance, metrics: record.metrics }))
  }

  /** Rules, revision and live instances (with what each applied) of a service. */
  async getStatus(service: string): Promise<ServiceStatus> {
    const { rules, revision } = await this.listRules(service)
    return { service, revision, rules, instances: this.listInstances(service) }
  }

  #unexpired(rules: readonly Rule[]): Rule[] {
    const now = this.#now()
    return rules.filter((r) => !isExpired(r, now)).sort((a, b) => a.createdAt - b.createdAt)
  }

  #rollout(service: string, revision: number, waitMs: number | undefined, startedAt: number): Promise<Rollout> {
    return waitForRollout({
      registry: this.#o.registry,
      service,
      revision,
      waitMs: waitMs || this.#o.defaultWaitMs,
      startedAt,
      now: this.#now,
      ...(this.#o.signal ? { signal: this.#o.signal } : {}),
    })
  }
}

/** `r-` and 10 random hex digits. */
export function newRuleId(): string {
  return `r-${randomBytes(5).toString('hex')}`
}
