import { isExpired, type RuleSpec, subjects } from '@prodbench/sdk/core'
import { buildRule, newRuleId } from '../api/rule-builder.js'
import { applyRuleLimits, type RuleLimits } from '../api/rule-limits.js'
import { errorMessage, TooManyTailsError, UnavailableError } from '../errors.js'
import type { TailInput } from '../grpc/requests.js'
import type { KvBucket, NatsLink } from '../nats/index.js'
import type { DesiredStore } from '../state/desired-store.js'
import { sweepOrphanTails } from './orphan-sweep.js'
import { type TailRuleIds, TailRuleWatch } from './tail-rule-watch.js'
import { type TailEnd, TailSession } from './tail-session.js'

/** Bounds of the tails one control plane streams. */
export interface TailLimits {
  /** Most tails open at once on this control plane; one more is refused with PB_TOO_MANY_TAILS. */
  readonly maxConcurrent: number
  /** Most record bytes queued per tail for a slow viewer (the oldest batches go first). */
  readonly queueBytes: number
  /** Most batches queued per tail. */
  readonly queueEvents: number
}

/** Options of {@link TailHub}. */
export interface TailHubOptions {
  readonly link: NatsLink
  readonly kv: KvBucket
  readonly store: DesiredStore
  readonly limits: TailLimits
  /** Budget ceiling and tail TTLs (default and maximum). */
  readonly ruleLimits: RuleLimits
  readonly warn: (message: string) => void
  /**
   * Wall clock, for tests.
   * @default Date.now
   */
  readonly now?: () => number
}

/** What the tails did since start; `open` is now. */
export interface TailStats {
  readonly open: number
  readonly opened: number
  /** Tails refused by `maxConcurrent`. */
  readonly refused: number
  readonly batches: number
  readonly records: number
  /** Records dropped here because a viewer read too slowly. */
  readonly dropped: number
  /** The most record bytes one tail ever had queued (bounded by `queueBytes`). */
  readonly peakQueuedBytes: number
  /** Batches that did not decode or did not match their subject. */
  readonly rejected: number
  /** Batches lost on the way, from gaps in their sequence numbers. */
  readonly lostBatches: number
  /** Tail rules of tails that no control plane streams any more, removed at start. */
  readonly orphansRemoved: number
}

/** How long close() waits for the rules of open tails to be removed before leaving them to their TTL. */
const CLOSE_REMOVE_MS = 1_000

/**
 * Live tails. Opening one writes a tail rule (the request's selector, level
 * and rate, a bounded TTL) to the service's desired state, after subscribing
 * to `pb.v1.tail.<service>.<rule id>.*` so no batch is missed; every instance
 * the rule selects then publishes matching records there. A tail ends when
 * its viewer leaves (the rule is removed), when its TTL ends (the rule
 * expires by itself), or when someone removes its rule. Each tail's queue is
 * bounded, so a slow viewer costs at most `queueBytes` and slows nothing else.
 */
export class TailHub {
  readonly #o: TailHubOptions
  readonly #now: () => number
  readonly #open = new Set<TailSession>()
  readonly #watch: TailRuleWatch
  readonly #counts = { opened: 0, refused: 0, batches: 0, records: 0, rejected: 0, lostBatches: 0, orphansRemoved: 0 }
  /** Drops and peak of tails already ended (open ones are read live). */
  #endedDropped = 0
  #peakQueuedBytes = 0
  /** Tails being opened: they hold a slot before their session is registered. */
  #starting = 0
  #closed = false

  constructor(options: TailHubOptions) {
    this.#o = options
    this.#now = options.now ?? Date.now
    this.#watch = new TailRuleWatch(options.link, options.kv, options.warn, (service, tails) =>
      this.#rulesChanged(service, tails),
    )
  }

  /**
   * Opens a tail: writes its rule and returns the session to iterate. The
   * `signal` (or `session.close()`, or ending the iteration) is the viewer
   * leaving.
   * @throws {TooManyTailsError} when `maxConcurrent` tails are open
   * @throws {OverCeilingError} when the TTL is over `tails.maxTtlMs`
   * @throws {UnavailableError} when NATS is down or the control plane is closing
   */
  async open(input: TailInput, author: string, signal?: AbortSignal): Promise<TailSession> {
    if (this.#closed) throw new UnavailableError('the control plane is closing')
    if (this.#open.size + this.#starting >= this.#o.limits.maxConcurrent) {
      this.#counts.refused++
      throw new TooManyTailsError(this.#o.limits.maxConcurrent)
    }
    const tail = {
      ...(input.level ? { level: input.level } : {}),
      ...(input.maxPerSec ? { maxPerSec: input.maxPerSec } : {}),
    }
    const spec: RuleSpec = applyRuleLimits(
      {
        selector: input.selector,
        tail,
        ...(input.ttlMs ? { ttlMs: input.ttlMs } : {}),
        ...(input.reason ? { reason: input.reason } : {}),
      },
      this.#o.ruleLimits,
      '',
    )
    const service = spec.selector.service
    const id = newRuleId()
    const session = new TailSession(
      id,
      service,
      { maxBytes: this.#o.limits.queueBytes, maxEvents: this.#o.limits.queueEvents },
      { ended: (s, why) => this.#ended(s, why), count: (what, n) => this.#count(what, n) },
    )
    this.#starting++
    try {
      this.#watch.start()
      // Subscribe before the rule exists: the first batch of the fastest instance is not missed.
      session.subscribed(
        this.#o.link.subscribe(subjects.tailOf(service, id), (data, subject) => session.deliver(data, subject)),
      )
      const change = await this.#o.store.change(service, ({ state }, now) => {
        const rule = buildRule(spec, id, author, now)
        return { state: { ...state, rules: [...state.rules, rule] }, result: rule }
      })
      this.#open.add(session)
      this.#counts.opened++
      session.started(change.result, change.revision, this.#now())
    } catch (err) {
      session.close()
      throw err
    } finally {
      this.#starting--
    }
    // The viewer may have left, or the rule been removed, while the rule was being written.
    const seen = this.#watch.latest(service)
    if (seen) this.#rulesChanged(service, seen)
    if (signal?.aborted) session.close()
    else signal?.addEventListener('abort', () => session.close(), { once: true })
    return session
  }

  /** Counters since start. */
  stats(): TailStats {
    let dropped = this.#endedDropped
    let peak = this.#peakQueuedBytes
    for (const session of this.#open) {
      const counters = session.counters()
      dropped += counters.dropped
      peak = Math.max(peak, counters.peakBytes)
    }
    return { open: this.#open.size, ...this.#counts, dropped, peakQueuedBytes: peak }
  }

  /**
   * Removes the tail rules no control plane streams any more (left by one
   * that crashed). Run once at start; returns how many were removed.
   */
  async sweepOrphans(): Promise<number> {
    const removed = await sweepOrphanTails({
      link: this.#o.link,
      store: this.#o.store,
      now: this.#now,
      warn: this.#o.warn,
      isOurs: (service, id) => [...this.#open].some((s) => s.service === service && s.tailId === id),
    })
    this.#counts.orphansRemoved += removed
    return removed
  }

  /**
   * Ends every open tail with UNAVAILABLE and removes their rules (waiting at
   * most a second; rules not removed by then end at their TTL). Idempotent.
   */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    this.#watch.close()
    const removals: Promise<void>[] = []
    for (const session of [...this.#open]) {
      session.fail(new UnavailableError('the control plane is shutting down; the tail ended'))
      if (session.rule) removals.push(this.#removeRule(session.service, session.tailId))
    }
    const timer = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_REMOVE_MS).unref())
    await Promise.race([Promise.all(removals), timer])
  }

  #rulesChanged(service: string, tails: TailRuleIds): void {
    for (const session of this.#open) {
      if (session.service !== service || session.revision === 0 || tails.revision < session.revision) continue
      if (tails.ids.has(session.tailId)) continue
      // Pruned because it expired (another write dropped it a moment before our timer fired): that is the TTL.
      const rule = session.rule
      session.finish(rule && isExpired(rule, this.#now()) ? 'ttl' : 'removed')
    }
  }

  #ended(session: TailSession, why: TailEnd): void {
    if (this.#open.delete(session)) {
      const counters = session.counters()
      this.#endedDropped += counters.dropped
      this.#peakQueuedBytes = Math.max(this.#peakQueuedBytes, counters.peakBytes)
    }
    // The viewer left: its rule goes now (in the background; the stream is already over).
    if (why === 'viewer' && session.rule && !this.#closed) void this.#removeRule(session.service, session.tailId)
  }

  #count(what: 'batch' | 'rejected' | 'gap', n = 0): void {
    if (what === 'batch') {
      this.#counts.batches++
      this.#counts.records += n
    } else if (what === 'rejected') this.#counts.rejected++
    else this.#counts.lostBatches += n
  }

  /** Removes a tail's rule if it is still there; failures are reported, never thrown (its TTL ends it anyway). */
  async #removeRule(service: string, id: string): Promise<void> {
    try {
      await this.#o.store.change(service, ({ state }) => {
        if (!state.rules.some((rule) => rule.id === id)) return { state: undefined, result: undefined }
        return { state: { ...state, rules: state.rules.filter((rule) => rule.id !== id) }, result: undefined }
      })
    } catch (err) {
      this.#o.warn(`could not remove tail rule ${id} of ${service} (it expires by its TTL): ${errorMessage(err)}`)
    }
  }
}
