import type { Alert } from '../alerts/index.js'
import { errorMessage } from '../errors.js'
import { digestDue, markDigest } from './incident-model.js'
import type { IncidentStore } from './incident-store.js'

/** Options of {@link DigestSweep}. */
export interface DigestSweepOptions {
  readonly store: IncidentStore
  readonly alert: (alert: Alert) => void
  /** At most one digest per incident in this long, and only when its count grew. */
  readonly digestMs: number
  readonly linkFor: (id: string) => string
  readonly warn: (message: string) => void
  /**
   * Wall clock, for tests.
   * @default Date.now
   */
  readonly now?: () => number
}

/**
 * Digests of repeats: every so often (a tenth of the digest interval, 50 ms
 * to 15 s), each open incident whose count grew since its last alert, and
 * whose last alert is at least `digestMs` old, gets one digest alert. The
 * alert is claimed with a compare-and-set on the incident (`alerted_at`,
 * `alerted_count`, `alerts_sent`), so with several control planes exactly
 * one of them sends it. Acked incidents get none: someone is on them.
 */
export class DigestSweep {
  readonly #o: DigestSweepOptions
  readonly #now: () => number
  #timer: NodeJS.Timeout | undefined
  #running = false
  #sent = 0

  constructor(options: DigestSweepOptions) {
    this.#o = options
    this.#now = options.now ?? Date.now
  }

  /** Starts sweeping. */
  start(): void {
    const every = Math.min(Math.max(this.#o.digestMs / 10, 50), 15_000)
    this.#timer = setInterval(() => void this.sweep(), every)
    this.#timer.unref()
  }

  /** Digests this control plane sent. */
  get sent(): number {
    return this.#sent
  }

  /** One pass over the open incidents (never two at once). */
  async sweep(): Promise<void> {
    if (this.#running) return
    this.#running = true
    try {
      for (const summary of this.#o.store.list({ status: 'open' })) {
        if (!digestDue(summary, this.#now(), this.#o.digestMs)) continue
        await this.#claim(summary.service ?? '', summary.id ?? '')
      }
    } finally {
      this.#running = false
    }
  }

  /** Stops sweeping. Idempotent. */
  close(): void {
    clearInterval(this.#timer)
    this.#timer = undefined
  }

  async #claim(service: string, id: string): Promise<void> {
    try {
      const change = await this.#o.store.change(service, id, (current) => {
        const now = this.#now()
        if (!current || !digestDue(current, now, this.#o.digestMs)) return { next: undefined, result: 0 }
        return { next: markDigest(current, now), result: (current.count ?? 0) - (current.alertedCount ?? 0) }
      })
      if (!change.written || !change.incident) return
      this.#sent++
      this.#o.alert({
        type: 'digest',
        incident: change.incident,
        link: this.#o.linkFor(id),
        newOccurrences: change.result,
      })
    } catch (err) {
      this.#o.warn(`could not send the digest of incident ${id}: ${errorMessage(err)}`)
    }
  }
}
