import { errorMessage } from '../errors.js'
import type { Alert } from './alert.js'
import { AlertDeliveryError, type AlertTarget } from './alert-target.js'

/** Options of {@link AlertDispatcher}. */
export interface AlertDispatcherOptions {
  readonly targets: readonly AlertTarget[]
  /**
   * Attempts after the first one for a delivery that failed in a way that may pass.
   * @default 5
   */
  readonly retries?: number
  /**
   * Wait before the first retry; doubled for each next one (with jitter), at most `maxBackoffMs`.
   * @default 1000
   */
  readonly backoffMs?: number
  /** @default 60000 */
  readonly maxBackoffMs?: number
  /**
   * Deliveries waiting at once; beyond it the oldest waiting one is dropped (counted).
   * @default 1000
   */
  readonly maxQueue?: number
  /**
   * Deliveries in flight at once.
   * @default 4
   */
  readonly concurrency?: number
  /** Reports deliveries that failed for good, and drops. */
  readonly warn: (message: string) => void
}

/** What the dispatcher did since start. */
export interface AlertStats {
  /** Alerts handed to {@link AlertDispatcher.send}, by type. */
  readonly alerts: { readonly new: number; readonly digest: number }
  /** Deliveries (one per alert and target) that succeeded. */
  readonly delivered: number
  /** Deliveries that failed for good (out of retries, or a permanent answer). */
  readonly failed: number
  /** Attempts that failed and were tried again. */
  readonly retried: number
  /** Deliveries dropped because too many were waiting. */
  readonly dropped: number
  /** Deliveries waiting or in flight now (including those waiting for a retry). */
  readonly pending: number
  /** The last failure, with its target. */
  readonly lastFailure: string | undefined
}

interface Delivery {
  readonly alert: Alert
  readonly target: AlertTarget
  attempt: number
}

/**
 * Sends alerts to every target without ever blocking the caller: `send()`
 * queues one delivery per target and returns; deliveries run a few at a
 * time, each failure that may pass (a timeout, a 5xx, a refused connection)
 * is retried with exponential backoff, and the queue is bounded.
 */
export class AlertDispatcher {
  readonly #targets: readonly AlertTarget[]
  readonly #retries: number
  readonly #backoffMs: number
  readonly #maxBackoffMs: number
  readonly #maxQueue: number
  readonly #concurrency: number
  readonly #warn: (message: string) => void
  readonly #queue: Delivery[] = []
  readonly #timers = new Set<NodeJS.Timeout>()
  readonly #aborter = new AbortController()
  readonly #counts = { new: 0, digest: 0, delivered: 0, failed: 0, retried: 0, dropped: 0 }
  #inFlight = 0
  #lastFailure: string | undefined
  #closed = false

  constructor(options: AlertDispatcherOptions) {
    this.#targets = options.targets
    this.#retries = options.retries ?? 5
    this.#backoffMs = options.backoffMs ?? 1_000
    this.#maxBackoffMs = options.maxBackoffMs ?? 60_000
    this.#maxQueue = options.maxQueue ?? 1_000
    this.#concurrency = options.concurrency ?? 4
    this.#warn = options.warn
  }

  /** True when at least one target is configured. */
  get enabled(): boolean {
    return this.#targets.length > 0
  }

  /** Queues `alert` for every target; returns at once. */
  send(alert: Alert): void {
    if (this.#closed) return
    this.#counts[alert.type]++
    for (const target of this.#targets) this.#enqueue({ alert, target, attempt: 0 })
    this.#pump()
  }

  /** Counters since start. */
  stats(): AlertStats {
    const { new: fresh, digest, ...rest } = this.#counts
    return {
      alerts: { new: fresh, digest },
      ...rest,
      pending: this.#queue.length + this.#inFlight + this.#timers.size,
      lastFailure: this.#lastFailure,
    }
  }

  /** Abandons waiting deliveries and aborts those in flight; closes the targets. Idempotent. */
  close(): void {
    if (this.#closed) return
    this.#closed = true
    this.#aborter.abort()
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers.clear()
    this.#queue.length = 0
    for (const target of this.#targets) target.close()
  }

  #enqueue(delivery: Delivery): void {
    if (this.#queue.length >= this.#maxQueue) {
      const dropped = this.#queue.shift() as Delivery
      this.#counts.dropped++
      this.#warn(
        `alert queue full (${this.#maxQueue}): dropped the alert of ${dropped.alert.incident.id} to ${dropped.target.name}`,
      )
    }
    this.#queue.push(delivery)
  }

  #pump(): void {
    while (!this.#closed && this.#inFlight < this.#concurrency && this.#queue.length > 0) {
      const delivery = this.#queue.shift() as Delivery
      this.#inFlight++
      void this.#deliver(delivery).finally(() => {
        this.#inFlight--
        this.#pump()
      })
    }
  }

  async #deliver(delivery: Delivery): Promise<void> {
    try {
      await delivery.target.send(delivery.alert, this.#aborter.signal)
      this.#counts.delivered++
    } catch (err) {
      if (this.#closed) return
      const retryable = !(err instanceof AlertDeliveryError) || err.retryable
      const what = `${delivery.alert.type} alert of ${delivery.alert.incident.id} to ${delivery.target.name}`
      if (retryable && delivery.attempt < this.#retries) {
        this.#counts.retried++
        delivery.attempt++
        const wait = Math.min(this.#maxBackoffMs, this.#backoffMs * 2 ** (delivery.attempt - 1))
        // Jitter: alerts of a storm that failed together do not all come back together.
        const timer = setTimeout(
          () => {
            this.#timers.delete(timer)
            this.#enqueue(delivery)
            this.#pump()
          },
          wait * (0.75 + Math.random() * 0.5),
        )
        timer.unref()
        this.#timers.add(timer)
        return
      }
      this.#counts.failed++
      this.#lastFailure = `${what}: ${errorMessage(err)}`
      this.#warn(`could not send the ${what} (${delivery.attempt + 1} attempts): ${errorMessage(err)}`)
    }
  }
}
