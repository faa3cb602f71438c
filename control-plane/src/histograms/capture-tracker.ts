import type { Rule } from '@prodbench/sdk/core'
import type { KvBucket, NatsLink } from '../nats/index.js'
import type { DesiredStore } from '../state/desired-store.js'
import { CaptureDirectory, type CaptureInfo } from './capture-directory.js'
import { type CaptureFeed, feedCaptures } from './capture-feed.js'

/** Longest single timer (setTimeout overflows past 2^31 ms): longer waits re-arm. */
export const MAX_TIMER_MS = 3_600_000
/** At most one desired-state read per service this often, to learn a capture the KV watch has not shown yet. */
const REFRESH_EVERY_MS = 2_000
/** Services remembered for the refresh rate limit before the map is cleared. */
const MAX_REFRESH_ENTRIES = 10_000

/** Options of {@link CaptureTracker}. */
export interface CaptureTrackerOptions {
  readonly link: NatsLink
  readonly kv: KvBucket
  readonly store: DesiredStore
  readonly warn: (message: string) => void
  /**
   * Wall clock, for tests.
   * @default Date.now
   */
  readonly now?: () => number
}

/**
 * The captures in force, as ONE watch over the desired-state KV bucket sees
 * them, shared by every merger (histograms, counters and gauges): it keeps
 * the {@link CaptureDirectory}, expires captures on time, reads a service's
 * state directly on a miss, and tells listeners when a capture ended
 * (removed, replaced or expired) so their windows and watch streams can end.
 */
export class CaptureTracker {
  /** The captures in force. */
  readonly directory = new CaptureDirectory()
  readonly #o: CaptureTrackerOptions
  readonly #now: () => number
  readonly #listeners = new Set<(capture: CaptureInfo) => void>()
  readonly #lastRefresh = new Map<string, number>()
  #feed: CaptureFeed | undefined
  #expiryTimer: NodeJS.Timeout | undefined
  #closed = false

  constructor(options: CaptureTrackerOptions) {
    this.#o = options
    this.#now = options.now ?? Date.now
  }

  /** Starts following the desired state (idempotent). */
  start(): void {
    if (this.#feed || this.#closed) return
    const { link, kv, warn } = this.#o
    this.#feed = feedCaptures(link, kv, (service, rules, revision) => this.apply(service, rules, revision), warn)
  }

  /** Calls `listener` with every capture that ends. Returns a function that stops it. */
  onEnded(listener: (capture: CaptureInfo) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Takes a service's rules at KV `revision` (from the feed or a direct read). */
  apply(service: string, rules: readonly Rule[], revision: number): void {
    if (this.#closed) return
    for (const ended of this.directory.apply(service, rules, revision, this.#now())) this.#emit(ended)
    this.#scheduleExpiry()
  }

  /** Reads a service's desired state now (the KV watch may not have shown a capture yet). */
  async refresh(service: string): Promise<void> {
    this.#lastRefresh.set(service, this.#now())
    const { state, revision } = await this.#o.store.read(service)
    this.apply(service, state.rules, revision)
  }

  /** Like {@link refresh}, at most once per service every 2 s, in the background (a snapshot of an unknown capture). */
  refreshSoon(service: string): void {
    const last = this.#lastRefresh.get(service) ?? 0
    if (this.#now() - last < REFRESH_EVERY_MS) return
    // Bounded: names come from validated subjects, and the map is cleared when it grows.
    if (this.#lastRefresh.size > MAX_REFRESH_ENTRIES) this.#lastRefresh.clear()
    this.refresh(service).catch(() => {})
  }

  /** Stops the feed and the expiry timer. Idempotent. */
  close(): void {
    if (this.#closed) return
    this.#closed = true
    this.#feed?.close()
    clearTimeout(this.#expiryTimer)
    this.#listeners.clear()
  }

  #scheduleExpiry(): void {
    clearTimeout(this.#expiryTimer)
    const next = this.directory.nextExpiry()
    if (this.#closed || next === undefined) return
    this.#expiryTimer = setTimeout(
      () => {
        for (const ended of this.directory.expire(this.#now())) this.#emit(ended)
        this.#scheduleExpiry()
      },
      Math.min(MAX_TIMER_MS, Math.max(1, next - this.#now())),
    )
    this.#expiryTimer.unref()
  }

  #emit(capture: CaptureInfo): void {
    for (const listener of this.#listeners) listener(capture)
  }
}
