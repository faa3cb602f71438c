/**
 * A bounded FIFO for telemetry published while NATS is away: the NATS client
 * drops what is published while disconnected, so the SDK keeps the newest
 * `capacity` messages itself, counts what it had to drop, and sends the rest
 * in order when the connection is back.
 */
export class TelemetryBuffer<T> {
  readonly #items: T[] = []
  #dropped = 0

  constructor(readonly capacity: number) {}

  /** Keeps `item`; drops (and counts) the oldest when full. */
  push(item: T): void {
    if (this.capacity <= 0) {
      this.#dropped++
      return
    }
    if (this.#items.length >= this.capacity) {
      this.#items.shift()
      this.#dropped++
    }
    this.#items.push(item)
  }

  /**
   * Hands items to `send` oldest first until it returns false (still no
   * connection); those stay for the next drain.
   */
  drain(send: (item: T) => boolean): void {
    while (this.#items.length > 0) {
      if (!send(this.#items[0] as T)) return
      this.#items.shift()
    }
  }

  /** Items waiting. */
  get size(): number {
    return this.#items.length
  }

  /** Items dropped since start because the buffer was full. */
  get dropped(): number {
    return this.#dropped
  }
}
