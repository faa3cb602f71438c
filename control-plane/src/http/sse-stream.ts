import type { ServerResponse } from 'node:http'

/** A comment line this often keeps proxies and browsers from timing an idle stream out. */
export const KEEP_ALIVE_MS = 15_000

/**
 * One Server-Sent Events response. The head is written lazily, on the first
 * event or {@link SseStream.open}, so a request that fails before its stream
 * starts still gets a plain JSON error with its HTTP status. `close()` is
 * idempotent and also runs when the client goes away.
 */
export class SseStream {
  readonly #response: ServerResponse
  readonly #onClose = new Set<() => void>()
  #keepAlive: NodeJS.Timeout | undefined
  #closed = false

  constructor(response: ServerResponse) {
    this.#response = response
    response.once('close', () => this.#finish())
  }

  /** True once the stream ended or the client went away. */
  get closed(): boolean {
    return this.#closed
  }

  /** True when the head is out (the response is committed to being a stream). */
  get opened(): boolean {
    return this.#response.headersSent
  }

  /** Writes the head now (idempotent). */
  open(): void {
    if (this.#closed || this.#response.headersSent) return
    this.#response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // Tells nginx-like proxies not to buffer the stream.
      'x-accel-buffering': 'no',
    })
    this.#response.write('retry: 2000\n\n')
    this.#keepAlive = setInterval(() => this.#response.write(': keep-alive\n\n'), KEEP_ALIVE_MS)
    this.#keepAlive.unref()
  }

  /**
   * Sends one event with `data` as JSON. Returns false when the client is not
   * keeping up (wait for {@link SseStream.onDrain}) or the stream is closed.
   */
  send(event: string, data: unknown): boolean {
    if (this.#closed) return false
    this.open()
    return this.#response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
  }

  /** Calls `listener` once the client took what was written. */
  onDrain(listener: () => void): void {
    this.#response.once('drain', listener)
  }

  /** Calls `listener` once when the stream ends, whoever ended it. */
  onClose(listener: () => void): void {
    if (this.#closed) listener()
    else this.#onClose.add(listener)
  }

  /** Ends the response (the client sees the stream end). Idempotent. */
  close(): void {
    if (this.#closed) return
    this.open()
    this.#response.end()
    this.#finish()
  }

  #finish(): void {
    if (this.#closed) return
    this.#closed = true
    clearInterval(this.#keepAlive)
    for (const listener of [...this.#onClose]) listener()
    this.#onClose.clear()
  }
}
