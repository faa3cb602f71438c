/**
 * Regroups a WatchHistogram stream into windows. The stream carries, per
 * window, the merged view (no `instance`) and, when asked, one message per
 * instance, in an order the contract does not fix; the watch prints and logs
 * a window once, with everything that belongs to it. Pure: no timers.
 */
import type { HistogramWindowMessage } from '@prodbench/proto'

/** Every message of one window (same `endMs`). */
export interface WindowGroup {
  endMs: number
  /** The merged view; absent only when the stream moved on without sending it. */
  merged?: HistogramWindowMessage
  /** One per instance, sorted by instance id. */
  instances: HistogramWindowMessage[]
}

/**
 * Collects stream messages into {@link WindowGroup}s. A window is complete
 * when its merged view has arrived and, with per-instance windows, one for
 * each instance the merged view lists. A message of a later window completes
 * every earlier one (what did not come by then is not coming); so does
 * {@link WindowAssembler.flush} at the end of the stream.
 */
export class WindowAssembler {
  readonly #perInstance: boolean
  readonly #pending = new Map<number, WindowGroup>()
  /** End of the newest window handed out: anything at or before it is late, and dropped. */
  #doneUpTo = Number.NEGATIVE_INFINITY
  #late = 0

  /** @param perInstance whether the stream was asked for per-instance windows */
  constructor(perInstance: boolean) {
    this.#perInstance = perInstance
  }

  /** Messages that arrived after their window was handed out (dropped). */
  get late(): number {
    return this.#late
  }

  /** Adds one stream message; returns the windows it completed, oldest first. */
  push(window: HistogramWindowMessage): WindowGroup[] {
    const endMs = window.endMs ?? 0
    if (endMs <= this.#doneUpTo) {
      this.#late++
      return []
    }
    const group = this.#pending.get(endMs) ?? { endMs, instances: [] }
    this.#pending.set(endMs, group)
    if (window.instance) {
      const others = group.instances.filter((w) => w.instance !== window.instance)
      group.instances = [...others, window].sort((a, b) => (a.instance ?? '').localeCompare(b.instance ?? ''))
    } else {
      group.merged = window
    }
    return this.#take((g) => g.endMs < endMs || this.#complete(g))
  }

  /** Every window still pending, oldest first (the stream ended). */
  flush(): WindowGroup[] {
    return this.#take(() => true)
  }

  #complete(group: WindowGroup): boolean {
    if (!group.merged) return false
    if (!this.#perInstance) return true
    const have = new Set(group.instances.map((w) => w.instance))
    return (group.merged.instances ?? []).every((id) => have.has(id))
  }

  /** Hands out, oldest first, the pending windows up to the newest one `done` accepts. */
  #take(done: (group: WindowGroup) => boolean): WindowGroup[] {
    const ready = [...this.#pending.values()].filter(done)
    if (ready.length === 0) return []
    // Handing out a window also closes every older one: the stream is in window order.
    const upTo = Math.max(...ready.map((g) => g.endMs))
    const out = [...this.#pending.values()].filter((g) => g.endMs <= upTo).sort((a, b) => a.endMs - b.endMs)
    for (const group of out) this.#pending.delete(group.endMs)
    this.#doneUpTo = upTo
    return out
  }
}
