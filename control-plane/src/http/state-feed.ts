import { isExpired, type Rule } from '@prodbench/sdk/core'
import { feedCaptures } from '../histograms/capture-feed.js'
import type { KvBucket, NatsLink } from '../nats/index.js'

/** A service's rules as a KV revision holds them. */
export interface RulesChange {
  readonly service: string
  readonly revision: number
  /** Unexpired rules, oldest first. */
  readonly rules: Rule[]
}

/**
 * Every service's desired state as it changes in KV, whichever replica or
 * client wrote it: ONE watch of the bucket for all viewers of the gateway
 * (the same feed the capture tracker uses), telling listeners each new
 * revision of a service.
 */
export class StateFeed {
  readonly #listeners = new Set<(change: RulesChange) => void>()
  readonly #revisions = new Map<string, number>()
  readonly #feed: { close(): void }
  readonly #now: () => number

  constructor(link: NatsLink, kv: KvBucket, warn: (message: string) => void, now: () => number = Date.now) {
    this.#now = now
    this.#feed = feedCaptures(link, kv, (service, rules, revision) => this.#take(service, rules, revision), warn)
  }

  /** Calls `listener` with each new revision of any service; returns a function that stops it. */
  onChange(listener: (change: RulesChange) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Stops the watch. Idempotent. */
  close(): void {
    this.#feed.close()
    this.#listeners.clear()
  }

  #take(service: string, rules: readonly Rule[], revision: number): void {
    // A watch started afresh replays what was already seen.
    if ((this.#revisions.get(service) ?? 0) >= revision) return
    this.#revisions.set(service, revision)
    const now = this.#now()
    const live = rules.filter((r) => !isExpired(r, now)).sort((a, b) => a.createdAt - b.createdAt)
    for (const listener of this.#listeners) listener({ service, revision, rules: live })
  }
}
