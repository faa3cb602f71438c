import { MAX_TIMER_MS } from './capture-tracker.js'

/**
 * One timer for the earliest deadline of many open windows. `schedule`
 * re-arms it only for an earlier deadline, so it may fire early (the owner
 * then closes nothing and names the next deadline), never late.
 */
export class DeadlineTimer {
  readonly #now: () => number
  readonly #fire: () => number | undefined
  #timer: NodeJS.Timeout | undefined
  #at: number | undefined
  #closed = false

  /** `fire` settles what is due and returns the next deadline (undefined: none). */
  constructor(now: () => number, fire: () => number | undefined) {
    this.#now = now
    this.#fire = fire
  }

  /** Arms the timer for `deadline` unless it already fires earlier. */
  schedule(deadline: number | undefined): void {
    if (this.#closed || deadline === undefined) return
    if (this.#at !== undefined && this.#at <= deadline) return
    clearTimeout(this.#timer)
    this.#at = deadline
    this.#timer = setTimeout(
      () => {
        this.#at = undefined
        this.schedule(this.#fire())
      },
      Math.min(MAX_TIMER_MS, Math.max(1, deadline - this.#now())),
    )
    this.#timer.unref()
  }

  /** Stops the timer. Idempotent. */
  close(): void {
    this.#closed = true
    clearTimeout(this.#timer)
  }
}
