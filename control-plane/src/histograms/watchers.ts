import type { HistogramWindowInput } from '@prodbench/proto'
import { type ClosedWindow, closedWindowMessage } from './closed-window.js'
import type { BoundedStream } from './watch-stream.js'
import { type Watcher, WatcherRegistry } from './watcher-registry.js'
import { instanceViews } from './window-merge.js'
import { seriesKey } from './window-store.js'

/** One WatchHistogram stream and what it asked for. */
interface HistogramWatcher extends Watcher<HistogramWindowInput> {
  readonly metric: string
  readonly perInstance: boolean
}

/**
 * The open WatchHistogram streams, by (capture, metric). A closing window is
 * turned into messages once, however many streams watch it; per-instance
 * views are built only when a stream asked for them.
 */
export class Watchers {
  readonly #registry = new WatcherRegistry<HistogramWindowInput, HistogramWatcher>()

  /** Registers a stream; returns a function that unregisters it (idempotent). */
  add(captureId: string, metric: string, perInstance: boolean, stream: BoundedStream): () => void {
    return this.#registry.add(seriesKey(captureId, metric), { captureId, metric, perInstance, stream })
  }

  /** Sends a closed window to every stream watching its series. */
  deliver(window: ClosedWindow): void {
    const set = this.#registry.of(seriesKey(window.captureId, window.metric))
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
    this.#registry.endCapture(captureId)
  }

  /** Every stream, for shutdown; the registry is left empty. */
  drain(): BoundedStream[] {
    return this.#registry.drain()
  }

  /** Streams open now. */
  get size(): number {
    return this.#registry.size
  }
}
