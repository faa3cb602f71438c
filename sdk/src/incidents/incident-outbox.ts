/**
 * Incident reports waiting for the control plane's reply. Each is sent as a
 * request and resent until acknowledged (with backoff), so neither a NATS
 * outage nor one caught late (a publish into a dying connection) nor a
 * control plane that is down loses a report. Bounded: beyond `max`, the
 * oldest is dropped and counted.
 */
/** A report and the subject it goes on (its instance's: a spooled one keeps its dead sender's). */
export interface Outgoing {
  readonly subject: string
  readonly bytes: Uint8Array
}

export class IncidentOutbox {
  readonly #send: (report: Outgoing) => Promise<unknown>
  readonly #max: number
  readonly #queue: Outgoing[] = []
  #pumping = false
  #retry: NodeJS.Timeout | undefined
  #backoffMs = MIN_BACKOFF_MS
  #closed = false
  /** Reports dropped because the outbox was full. */
  dropped = 0
  /** Reports the control plane acknowledged. */
  delivered = 0

  constructor(send: (report: Outgoing) => Promise<unknown>, max = 200) {
    this.#send = send
    this.#max = max
  }

  /** Reports not acknowledged yet. */
  get pending(): number {
    return this.#queue.length
  }

  push(report: Outgoing): void {
    if (this.#queue.length >= this.#max) {
      this.#queue.shift()
      this.dropped++
    }
    this.#queue.push(report)
    this.kick()
  }

  /** Tries now (NATS just came back): the backoff starts over. */
  kick(): void {
    if (this.#closed) return
    clearTimeout(this.#retry)
    this.#retry = undefined
    this.#backoffMs = MIN_BACKOFF_MS
    void this.#pump()
  }

  /** Tries to deliver what is pending for at most `timeoutMs` (on close), then stops. */
  async drain(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (this.#queue.length > 0 && Date.now() < deadline && !this.#closed) {
      const head = this.#queue[0] as Outgoing
      try {
        await this.#send(head)
        if (this.#queue[0] === head) this.#queue.shift()
        this.delivered++
      } catch {
        return
      }
    }
  }

  close(): void {
    this.#closed = true
    clearTimeout(this.#retry)
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return
    this.#pumping = true
    try {
      while (this.#queue.length > 0 && !this.#closed) {
        const head = this.#queue[0] as Outgoing
        try {
          await this.#send(head)
        } catch {
          this.#retry = setTimeout(() => {
            this.#retry = undefined
            void this.#pump()
          }, this.#backoffMs)
          this.#retry.unref()
          this.#backoffMs = Math.min(this.#backoffMs * 2, MAX_BACKOFF_MS)
          return
        }
        if (this.#queue[0] === head) this.#queue.shift()
        this.delivered++
        this.#backoffMs = MIN_BACKOFF_MS
      }
    } finally {
      this.#pumping = false
    }
  }
}

const MIN_BACKOFF_MS = 250
const MAX_BACKOFF_MS = 10_000
