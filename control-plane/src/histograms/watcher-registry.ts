import type { BoundedStream } from './watch-stream.js'

/** What every watch stream registration has: the capture it follows and its queue. */
export interface Watcher<T> {
  readonly captureId: string
  readonly stream: BoundedStream<T>
}

/**
 * Open watch streams grouped by a key (a (capture, metric) series for
 * histograms, a capture for counters and gauges), so a closing window finds
 * its streams without a scan, and a capture that ends finishes all of its own.
 */
export class WatcherRegistry<T, W extends Watcher<T>> {
  readonly #byKey = new Map<string, Set<W>>()

  /** Registers a watcher under `key`; returns a function that unregisters it (idempotent). */
  add(key: string, watcher: W): () => void {
    let set = this.#byKey.get(key)
    if (!set) {
      set = new Set()
      this.#byKey.set(key, set)
    }
    set.add(watcher)
    return () => {
      const current = this.#byKey.get(key)
      current?.delete(watcher)
      if (current?.size === 0) this.#byKey.delete(key)
    }
  }

  /** The watchers under `key` (none: undefined). */
  of(key: string): ReadonlySet<W> | undefined {
    return this.#byKey.get(key)
  }

  /** Ends (OK, after their queues drain) every stream of a capture that ended. */
  endCapture(captureId: string): void {
    for (const [key, set] of this.#byKey) {
      const ended = [...set].filter((w) => w.captureId === captureId)
      for (const watcher of ended) {
        set.delete(watcher)
        watcher.stream.finish()
      }
      if (set.size === 0) this.#byKey.delete(key)
    }
  }

  /** Every stream, for shutdown; the registry is left empty. */
  drain(): BoundedStream<T>[] {
    const streams: BoundedStream<T>[] = []
    for (const set of this.#byKey.values()) for (const w of set) streams.push(w.stream)
    this.#byKey.clear()
    return streams
  }

  /** Streams open now. */
  get size(): number {
    let n = 0
    for (const set of this.#byKey.values()) n += set.size
    return n
  }
}
