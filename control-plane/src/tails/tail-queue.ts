import type { TailEventInput } from '@prodbench/proto'

/** Bounds of one tail's queue. */
export interface TailQueueLimits {
  /** Most record bytes waiting for the viewer; beyond it the oldest batches are dropped. */
  readonly maxBytes: number
  /** Most batches waiting for the viewer. */
  readonly maxEvents: number
}

/** What a queue did, for stats and tests. */
export interface TailQueueCounters {
  /** Records dropped because the viewer read too slowly. */
  readonly dropped: number
  /** The most record bytes that ever waited at once (never above `maxBytes`). */
  readonly peakBytes: number
  /** Record bytes waiting now. */
  readonly queuedBytes: number
}

interface Entry {
  readonly event: TailEventInput
  readonly bytes: number
}

/**
 * The events of one tail waiting for its viewer, pulled as an async
 * iterator. Bounded by bytes and batches: a viewer that reads slowly loses
 * the OLDEST batches (a live view wants the newest), and the records lost are
 * added to the `dropped` of the next event sent for the same instance (or of
 * an event of their own when the tail ends), so the viewer always learns how
 * many it missed. Pushing never waits and never throws: the NATS handler
 * feeding it is never slowed by a viewer.
 */
export class TailQueue implements AsyncIterator<TailEventInput> {
  readonly #limits: TailQueueLimits
  readonly #entries: Entry[] = []
  /** Records dropped here and not yet reported, by instance. */
  readonly #unreported = new Map<string, number>()
  #bytes = 0
  #peakBytes = 0
  #dropped = 0
  #last: TailEventInput | undefined
  #ended = false
  #failure: Error | undefined
  #waiter: { resolve: (result: IteratorResult<TailEventInput>) => void; reject: (err: Error) => void } | undefined

  constructor(limits: TailQueueLimits) {
    this.#limits = limits
  }

  /** True once `end`, `fail` or `discard` was called. */
  get ended(): boolean {
    return this.#ended
  }

  /** Drops, peak and current bytes. */
  counters(): TailQueueCounters {
    return { dropped: this.#dropped, peakBytes: this.#peakBytes, queuedBytes: this.#bytes }
  }

  /** Queues an event; drops the oldest batches when over the bounds (a batch alone over them is dropped). */
  push(event: TailEventInput): void {
    if (this.#ended) return
    const bytes = recordBytes(event)
    if (this.#waiter && this.#entries.length === 0) {
      this.#hand({ value: this.#withUnreported(event), done: false })
      return
    }
    if (bytes > this.#limits.maxBytes) {
      this.#drop(event)
      return
    }
    while (
      this.#entries.length > 0 &&
      (this.#bytes + bytes > this.#limits.maxBytes || this.#entries.length >= this.#limits.maxEvents)
    ) {
      const oldest = this.#entries.shift() as Entry
      this.#bytes -= oldest.bytes
      this.#drop(oldest.event)
    }
    this.#entries.push({ event, bytes })
    this.#bytes += bytes
    if (this.#bytes > this.#peakBytes) this.#peakBytes = this.#bytes
  }

  /** Ends the stream after what is queued: drop counts not yet told, then `last` (when given). */
  end(last?: TailEventInput): void {
    if (this.#ended) return
    this.#ended = true
    this.#last = last
    this.#wake()
  }

  /** Ends the stream at once with `error` (the control plane is closing); what is queued is lost. */
  fail(error: Error): void {
    if (this.#ended) return
    this.#failure = error
    this.discard()
  }

  /** Ends the stream at once, without a last event (the viewer went away). Idempotent. */
  discard(): void {
    this.#ended = true
    this.#entries.length = 0
    this.#bytes = 0
    this.#last = undefined
    this.#unreported.clear()
    this.#wake()
  }

  /** The next event; done after the last one. */
  next(): Promise<IteratorResult<TailEventInput>> {
    const result = this.#take()
    if (result) return Promise.resolve(result)
    if (this.#failure) return Promise.reject(this.#failure)
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject }
    })
  }

  #take(): IteratorResult<TailEventInput> | undefined {
    const entry = this.#entries.shift()
    if (entry) {
      this.#bytes -= entry.bytes
      return { value: this.#withUnreported(entry.event), done: false }
    }
    if (!this.#ended || this.#failure) return undefined
    // Drops no later event told: one event each, before the last.
    for (const [instance, dropped] of this.#unreported) {
      this.#unreported.delete(instance)
      return { value: { tailId: this.#last?.tailId ?? '', instance, dropped }, done: false }
    }
    const last = this.#last
    this.#last = undefined
    return last ? { value: last, done: false } : { value: undefined, done: true }
  }

  /** Adds the drops not yet told for the event's instance to its `dropped`. */
  #withUnreported(event: TailEventInput): TailEventInput {
    const instance = event.instance ?? ''
    const extra = this.#unreported.get(instance)
    if (!extra) return event
    this.#unreported.delete(instance)
    return { ...event, dropped: (event.dropped ?? 0) + extra }
  }

  #drop(event: TailEventInput): void {
    const records = (event.records?.length ?? 0) + (event.dropped ?? 0)
    this.#dropped += event.records?.length ?? 0
    const instance = event.instance ?? ''
    this.#unreported.set(instance, (this.#unreported.get(instance) ?? 0) + records)
  }

  #hand(result: IteratorResult<TailEventInput>): void {
    const waiter = this.#waiter
    this.#waiter = undefined
    waiter?.resolve(result)
  }

  #wake(): void {
    if (!this.#waiter) return
    if (this.#failure) {
      const waiter = this.#waiter
      this.#waiter = undefined
      waiter.reject(this.#failure)
      return
    }
    const result = this.#take()
    if (result) this.#hand(result)
  }
}

/** Bytes an event's records take (UTF-16 length: close enough for a bound, and O(1) per record). */
function recordBytes(event: TailEventInput): number {
  let bytes = 0
  for (const record of event.records ?? []) bytes += record.length
  return bytes
}
