import type { SseStream } from './sse-stream.js'

/**
 * A live page's stream: a `snapshot` event first, then changes. Changes that
 * come before the snapshot is out are held (the newest of each kind) and sent
 * after it. While the response's buffer is full, changes are not queued but
 * dropped, and once it drained a fresh snapshot replaces them (it is always
 * right), so a slow client costs one snapshot of memory, never a growing queue.
 */
export class LiveView {
  readonly #stream: SseStream
  readonly #snapshot: () => Promise<unknown>
  readonly #held = new Map<string, unknown>()
  #ready = false
  /** Waiting for the buffer to drain. */
  #full = false
  /** A change was dropped while full: send a snapshot after the drain. */
  #stale = false

  /** @param snapshot builds the `snapshot` event's data (it may read KV) */
  constructor(stream: SseStream, snapshot: () => Promise<unknown>) {
    this.#stream = stream
    this.#snapshot = snapshot
  }

  /** Sends the snapshot, then what was held meanwhile. */
  async start(): Promise<void> {
    const data = await this.#snapshot()
    this.#ready = true
    this.#write('snapshot', data)
    const held = [...this.#held]
    this.#held.clear()
    for (const [event, value] of held) this.send(event, value)
  }

  /** Sends a change (held until the snapshot is out; dropped, for a later snapshot, while the buffer is full). */
  send(event: string, data: unknown): void {
    if (this.#stream.closed) return
    if (!this.#ready) {
      this.#held.set(event, data)
      return
    }
    if (this.#full) {
      this.#stale = true
      return
    }
    this.#write(event, data)
  }

  #write(event: string, data: unknown): void {
    // false only means the buffer passed its high-water mark: what was written is on its way.
    if (this.#stream.send(event, data) || this.#stream.closed) return
    this.#full = true
    this.#stream.onDrain(() => {
      this.#full = false
      if (!this.#stale || this.#stream.closed) return
      this.#stale = false
      this.#snapshot().then(
        (fresh) => this.#write('snapshot', fresh),
        () => this.#stream.close(),
      )
    })
  }
}
