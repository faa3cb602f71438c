import type { HistogramWindowInput } from '@prodbench/proto'
import type { ProdbenchError } from '../errors.js'

/**
 * The writing side of one watch call (WatchHistogram, WatchMetrics; the gRPC
 * call behind it is a Node object-mode Writable): `write` answers false when
 * its buffer is full, and 'drain' says when to write again.
 */
export interface WindowSink<T = HistogramWindowInput> {
  write(message: T): boolean
  once(event: 'drain', listener: () => void): unknown
  /** Ends the call with status OK. */
  end(): void
  /** Ends the call with `error`'s status. */
  fail(error: ProdbenchError): void
}

/**
 * A bounded queue in front of one stream, so a client that reads slowly
 * costs at most `capacity` windows of memory and never slows the merger:
 * when the queue is full the OLDEST window is dropped (the newest is what a
 * live view wants) and `onDrop` counts it. Writes go out as fast as the
 * transport takes them.
 */
export class BoundedStream<T = HistogramWindowInput> {
  readonly #sink: WindowSink<T>
  readonly #capacity: number
  readonly #onDrop: () => void
  readonly #queue: T[] = []
  #waitingForDrain = false
  #finishing = false
  #closed = false

  constructor(sink: WindowSink<T>, capacity: number, onDrop: () => void) {
    this.#sink = sink
    this.#capacity = capacity
    this.#onDrop = onDrop
  }

  /** True once the stream ended (finished, failed or cancelled). */
  get closed(): boolean {
    return this.#closed
  }

  /** Windows waiting for the transport. */
  get queued(): number {
    return this.#queue.length
  }

  /** Queues a window and writes what the transport takes. */
  push(message: T): void {
    if (this.#closed || this.#finishing) return
    if (this.#queue.length >= this.#capacity) {
      this.#queue.shift()
      this.#onDrop()
    }
    this.#queue.push(message)
    this.#pump()
  }

  /** Ends the stream with OK once the queued windows are written. */
  finish(): void {
    if (this.#closed) return
    this.#finishing = true
    this.#pump()
  }

  /** Ends the stream at once with `error`'s status (the control plane is closing). */
  fail(error: ProdbenchError): void {
    if (this.#closed) return
    this.discard()
    this.#sink.fail(error)
  }

  /** Forgets the queue without writing (the client went away, or the call ended otherwise). Idempotent. */
  discard(): void {
    this.#closed = true
    this.#queue.length = 0
  }

  #pump(): void {
    if (this.#closed || this.#waitingForDrain) return
    while (this.#queue.length > 0) {
      const next = this.#queue.shift() as T
      if (!this.#sink.write(next)) {
        this.#waitingForDrain = true
        this.#sink.once('drain', () => {
          this.#waitingForDrain = false
          this.#pump()
        })
        return
      }
    }
    if (this.#finishing) {
      this.#closed = true
      this.#sink.end()
    }
  }
}
