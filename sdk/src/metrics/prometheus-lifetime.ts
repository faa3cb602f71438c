/**
 * Cumulative histogram counts for Prometheus, without disturbing captures.
 *
 * A recorder only holds the values since its last cut: a capture cuts every
 * second and ships the interval away. Prometheus wants counts since start
 * that never go down. So each recorder a scrape reads gets a lifetime array:
 * every interval cut from then on is added to it before the capture runner
 * encodes and releases it, and a scrape adds the live interval (read, never
 * cut) on top. Captures see exactly the deltas they saw before.
 */
import type { HdrRecorder, Interval } from './recorder.js'

/** A histogram's counts since the tracker was attached, the live interval included. */
export interface LifetimeView {
  /** Counts per index of the recorder's layout; do not keep it past the call. */
  readonly counts: Float64Array
  /** Values recorded. */
  readonly count: number
  /** Sum of the values, in the histogram's unit. */
  readonly sum: number
}

/** Sums the intervals cut from one recorder. */
class Lifetime {
  readonly counts: Float64Array
  count = 0
  sum = 0
  readonly #view: Float64Array

  constructor(readonly recorder: HdrRecorder) {
    this.counts = new Float64Array(recorder.layout.countsLength)
    this.#view = new Float64Array(recorder.layout.countsLength)
  }

  add(interval: Interval): void {
    if (interval.count === 0) return
    const from = interval.counts
    const to = this.counts
    for (let i = 0; i < from.length; i++) {
      const c = from[i] as number
      if (c !== 0) to[i]! += c
    }
    this.count += interval.count
    this.sum += interval.sum
  }

  read(): LifetimeView {
    const live = this.recorder.live()
    const view = this.#view
    view.set(this.counts)
    const counts = live.counts
    // A live array of another length would be a bug elsewhere: show the cut intervals only.
    if (counts.length === view.length) for (let i = 0; i < counts.length; i++) view[i]! += counts[i] as number
    return { counts: view, count: this.count + live.count, sum: this.sum + live.sum }
  }
}

/** One tracker per recorder, shared by every handler of the process. */
const tracked = new WeakMap<HdrRecorder, Lifetime>()

/**
 * The lifetime counts of `recorder`, attaching a tracker on first use: from
 * then on each `cut` adds the interval it hands out to the tracker. Values
 * in intervals cut before the first call are not in it (make the handler at
 * start-up, before captures run).
 */
export function lifetimeOf(recorder: HdrRecorder): LifetimeView {
  let lifetime = tracked.get(recorder)
  if (lifetime === undefined) {
    const made = new Lifetime(recorder)
    // Off the record hot path: a cut costs one more pass over the counts.
    recorder.observeCuts((interval) => made.add(interval))
    tracked.set(recorder, made)
    lifetime = made
  }
  return lifetime.read()
}
