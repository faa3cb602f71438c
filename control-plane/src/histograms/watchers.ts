import type { HistogramWindowInput } from '@prodbench/proto'
import { type ClosedWindow, closedWindowMessage } from './closed-window.js'
import type { BoundedStream } from './watch-stream.js'
import { instanceViews } from './window-merge.js'
import { seriesKey } from './window-store.js'

/** One WatchHistogram stream and what it asked for. */
interface Watcher {
  readonly captureId: string
  readonly metric: string
  readonly perInstance: boolean
  readonly stream: BoundedStream
}

/**
 * The open WatchHistogram streams, by (capture, metric). A closing window is
 * turned into messages once, however many streams watch it; per-instance
 * views are built only when a stream asked for them.
 */
export class Watchers {
  readonly #bySeries = new Map<string, Set<Watcher>>()

  /** Registers a stream; returns a function that unregisters it (idempotent). */
  add(captureId: string, metric: string, perInstance: boolean, stream: BoundedStream): () => void {
    const key = seriesKey(captureId, metric)
    const watcher: Watcher = { captureId, metric, perInstance, stream }
    let set = this.#bySeries.get(key)
    if (!set) {
      set = new Set()
      this.#bySeries.set(key, set)
    }
    set.add(watcher)
    return () => {
      const current = this.#bySeries.get(key)
      current?.delete(watcher)
      if (current?.size === 0) this.#bySeries.delete(key)
    }
  }

  /** Sends a closed window to every stream watching its series. */
  deliver(window: ClosedWindow): void {
    const set = this.#bySeries.get(seriesKey(window.captureId, window.metric))
    if (!set || set.size === 0) return
    const merged = closedWindowMessage(window)
    let perInstance: HistogramWindowInput[] | undefined
    for (const watcher of set) {
      watcher.stream.push(merged)
      if (!watcher.perInstance) continue
      perInstance ??= instanceViews([window])
      for (const view of perInstance) watcher.stream.push(view)
    }
  }

  /** Ends (OK, after their queues drain) every stream of a capture that ended. */
  endCapture(captureId: string): void {
    for (const [key, set] of this.#bySeries) {
      const ended = [...set].filter((w) => w.captureId === captureId)
      for (const watcher of ended) {
        set.delete(watcher)
        watcher.stream.finish()
      }
      if (set.size === 0) this.#bySeries.delete(key)
    }
  }

  /** Every stream, for shutdown; the registry is left empty. */
  drain(): BoundedStream[] {
    const streams: BoundedStream[] = []
    for (const set of this.#bySeries.values()) for (const w of set) streams.push(w.stream)
    this.#bySeries.clear()
    return streams
  }

  /** Streams open now. */
  get size(): number {
    let n = 0
    for (const set of this.#bySeries.values()) n += set.size
    return n
  }
}
