import { isExpired, type Rule, type RuleSpec } from '@prodbench/sdk/core'
import type { DumpGatherer, DumpResult } from '../dumps/index.js'
import { CorruptStateError, NotFoundError, TooManyCapturesError, UnavailableError } from '../errors.js'
import type { DumpInput, TailInput } from '../grpc/requests.js'
import type { InstanceRecord, InstanceRegistry } from '../registry/index.js'
import { type Rollout, waitForRollout } from '../rollout/index.js'
import type { DesiredStore } from '../state/desired-store.js'
import type { TailHub, TailSession } from '../tails/index.js'
import { replaces } from './replacement.js'
import { buildRule, newRuleId } from './rule-builder.js'
import { applyRuleLimits, DEFAULT_RULE_LIMITS, type RuleLimits } from './rule-limits.js'

export { newRuleId } from './rule-builder.js'

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
  /** Live instances whose heartbeat reports an active quarantine. */
  readonly quarantined?: number
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
  /**
   * Budget ceiling and tail TTLs applied to every rule set.
   * @default DEFAULT_RULE_LIMITS (50,000 records/s, 64 MiB/s; tails 10 min, at most 1 h)
   */
  readonly limits?: RuleLimits
  /** Live tails ({@link ControlApi.tail}); without it, tail() fails with PB_UNAVAILABLE. */
  readonly tails?: TailHub
  /** Flight-recorder dumps ({@link ControlApi.dump}); without it, dump() fails with PB_UNAVAILABLE. */
  readonly dumps?: DumpGatherer
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
   * Adds a rule, replacing any with the same selector (`where` included) and
   * action kind (for a capture: and the same metric pattern; tails never
   * replace), and waits for the rollout. A budget above `limits.maxBudget` is
   * refused; a tail rule gets the default TTL when it has none, and at most
   * the maximum.
   * @throws {TooManyCapturesError} when a new capture would exceed `maxCaptures`
   * @throws {OverCeilingError} for a budget or tail TTL over the limits, naming the field
   */
  async setRule(request: RuleSpec, author: string, waitMs?: number): Promise<ChangeResult> {
    const startedAt = performance.now()
    const spec = applyRuleLimits(request, this.#o.limits ?? DEFAULT_RULE_LIMITS)
    const id = newRuleId()
    const change = await this.#o.store.change(spec.selector.service, ({ state }, now) => {
      const rule = buildRule(spec, id, author, now)
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
        const quarantined = instances
          ? this.#o.registry.live(service, now).filter((record) => record.quarantine?.active).length
          : 0
        try {
          const { rules, revision } = await this.listRules(service)
          return { service, instances, rules: rules.length, revision, quarantined }
        } catch (err) {
          if (!(err instanceof CorruptStateError)) throw err
          this.#o.warn?.(err.message)
          return { service, instances, rules: 0, revision: 0, quarantined }
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

  /**
   * Opens a live tail: writes a tail rule (the input's selector, level and
   * rate; TTL default 10 min, at most `limits.tailMaxTtlMs`) and returns the
   * session. Iterate it for the events: first `{ tailId }`, then one per
   * batch (`instance`, `records` as pino JSON lines, `dropped`), and, when the
   * tail ends by itself, a last one with `ended: "ttl" | "removed"`. The
   * viewer leaving — `signal` aborted, `session.close()`, or `break` out of
   * the iteration — removes the rule. A viewer that reads slowly loses the
   * oldest batches (counted in the next event's `dropped`), never memory.
   * @throws {TooManyTailsError} when the control plane streams `tails.maxConcurrent` tails
   * @throws {OverCeilingError} when `ttlMs` is over the maximum
   */
  tail(input: TailInput, author: string, signal?: AbortSignal): Promise<TailSession> {
    if (!this.#o.tails) return Promise.reject(new UnavailableError('this control plane does not stream tails'))
    return this.#o.tails.open(input, author, signal)
  }

  /**
   * The flight-recorder records of one instance, or of every live instance
   * of the service, as they answer within `waitMs` (default 2 s); those that
   * did not answer are listed in `missing`.
   */
  dump(input: DumpInput): Promise<DumpResult> {
    if (!this.#o.dumps) return Promise.reject(new UnavailableError('this control plane does not serve dumps'))
    return this.#o.dumps.dump(input)
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
