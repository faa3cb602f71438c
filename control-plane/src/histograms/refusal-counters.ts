/**
 * Snapshots refused by a merger, counted by reason, with the last one's
 * detail. Shared by the histogram and the counter/gauge mergers, each with
 * its own list of reasons. Nothing here is ever thrown.
 */
export class RefusalCounters<R extends string> {
  readonly #byReason: Record<R, number>
  #rejected = 0
  #lastRejection: string | undefined

  constructor(reasons: readonly R[]) {
    this.#byReason = Object.fromEntries(reasons.map((r) => [r, 0])) as Record<R, number>
  }

  /** Counts a refused snapshot. */
  reject(reason: R, detail: string): void {
    this.#rejected++
    this.#byReason[reason]++
    this.#lastRejection = `${reason}: ${detail}`
  }

  /** The refusals so far: total, by reason, and the last one's detail. */
  refusals(): { rejected: number; rejectedByReason: Record<R, number>; lastRejection: string | undefined } {
    return { rejected: this.#rejected, rejectedByReason: { ...this.#byReason }, lastRejection: this.#lastRejection }
  }
}

/**
 * What every merger counts besides its refusals: snapshots merged, late and
 * lost, windows closed, and windows dropped from slow watchers or evicted.
 * `snapshot` adds the gauges the owner knows (captures, history size, ...).
 */
export class MergeCounters<R extends string, G extends object> extends RefusalCounters<R> {
  accepted = 0
  late = 0
  lost = 0
  windowsClosed = 0
  streamDrops = 0
  evicted = 0

  /** The counters now, with the gauges given by the owner. */
  snapshot(gauges: G) {
    return {
      accepted: this.accepted,
      ...this.refusals(),
      late: this.late,
      lost: this.lost,
      windowsClosed: this.windowsClosed,
      streamDrops: this.streamDrops,
      evicted: this.evicted,
      ...gauges,
    }
  }
}
