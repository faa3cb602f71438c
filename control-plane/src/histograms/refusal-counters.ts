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
