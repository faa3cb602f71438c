import type { Rule } from '@prodbench/sdk/core'
import { type CaptureFeed, feedCaptures } from '../histograms/capture-feed.js'
import type { KvBucket, NatsLink } from '../nats/index.js'

/** The tail rules of one service as of one KV revision. */
export interface TailRuleIds {
  readonly revision: number
  readonly ids: ReadonlySet<string>
}

/**
 * Which tail rules each service's desired state holds, as ONE watch of the
 * KV bucket sees it, so a tail whose rule someone removed (`ctl rm`, a reset,
 * another replica) ends at once. Started on the first tail, not before: a
 * control plane nobody tails from keeps no extra watch. Any replica's writes
 * are seen, and after a reconnect the watch replays every key.
 */
export class TailRuleWatch {
  readonly #link: NatsLink
  readonly #kv: KvBucket
  readonly #warn: (message: string) => void
  readonly #onChange: (service: string, tails: TailRuleIds) => void
  readonly #latest = new Map<string, TailRuleIds>()
  #feed: CaptureFeed | undefined
  #closed = false

  constructor(
    link: NatsLink,
    kv: KvBucket,
    warn: (message: string) => void,
    onChange: (service: string, tails: TailRuleIds) => void,
  ) {
    this.#link = link
    this.#kv = kv
    this.#warn = warn
    this.#onChange = onChange
  }

  /** Starts watching (idempotent). */
  start(): void {
    if (this.#feed || this.#closed) return
    this.#feed = feedCaptures(
      this.#link,
      this.#kv,
      (service, rules, revision) => this.#take(service, rules, revision),
      (message) => this.#warn(message.replace(/^capture feed/, 'tail rule watch')),
    )
  }

  /** The tail rules last seen for `service`, if the watch has shown it. */
  latest(service: string): TailRuleIds | undefined {
    return this.#latest.get(service)
  }

  /** Stops the watch. Idempotent. */
  close(): void {
    this.#closed = true
    this.#feed?.close()
    this.#feed = undefined
  }

  #take(service: string, rules: readonly Rule[], revision: number): void {
    const previous = this.#latest.get(service)
    // A replay after a reconnect may bring an older revision first: keep the newest.
    if (previous && previous.revision > revision) return
    const ids = new Set<string>()
    for (const rule of rules) if (rule.tail !== undefined) ids.add(rule.id)
    const tails = { revision, ids }
    this.#latest.set(service, tails)
    this.#onChange(service, tails)
  }
}
