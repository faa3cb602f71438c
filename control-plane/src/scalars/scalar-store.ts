import { metricMatches } from '@prodbench/sdk/core'
import { type CaptureInfo, FUTURE_SLACK_MS, MAX_OPEN_PER_SERIES, seqGap } from '../histograms/index.js'
import type { ScalarLimits } from '../options.js'
import { describeSeries, type ScalarEnvelope } from './scalar-envelope.js'
import type { ScalarCounters, ScalarRejectReason } from './scalar-stats.js'
import { type ClosedScalarWindow, OpenScalarWindow } from './scalar-window.js'

/** The counter/gauge windows of one capture: the open ones and the closed history, oldest first. */
interface CaptureWindows {
  readonly capture: CaptureInfo
  /** True once the capture was removed or expired: no new windows open. */
  ended: boolean
  readonly open: Map<number, OpenScalarWindow>
  readonly history: ClosedScalarWindow[]
  /** End of the newest closed window: older windows that are not open are late. */
  lastClosedEnd: number
  /** Last sequence number and window end seen per instance, for loss counting. */
  readonly seqs: Map<string, { seq: number; endMs: number }>
}

/**
 * Every capture's counter/gauge windows: where snapshots are merged, windows
 * closed and history kept within its bounds (windows, age, bytes). Pure: time
 * is an argument, and who is expected in a window is decided by the caller.
 * Only active captures get an entry, and one is dropped once ended and empty,
 * so the entries are bounded by the captures in force.
 */
export class ScalarStore {
  readonly #captures = new Map<string, CaptureWindows>()
  readonly #limits: ScalarLimits
  readonly #counters: ScalarCounters
  #historyBytes = 0

  constructor(limits: ScalarLimits, counters: ScalarCounters) {
    this.#limits = limits
    this.#counters = counters
  }

  /** The capture a snapshot of an ended capture still belongs to (its windows are still open). */
  capture(captureId: string): CaptureInfo | undefined {
    return this.#captures.get(captureId)?.capture
  }

  /**
   * Merges a snapshot of a capture into its window, opening the window when
   * needed. Returns the window, or undefined when the snapshot was late or
   * refused (counted either way).
   */
  add(capture: CaptureInfo, snapshot: ScalarEnvelope, now: number): OpenScalarWindow | undefined {
    const where = `scalars ${snapshot.service}/${capture.id}/${snapshot.instance}`
    const uncovered = snapshot.points.find((p) => !metricMatches(capture.metric, p.metric))
    if (uncovered) {
      return this.#refuse('metric', `${where}: capture covers ${capture.metric}, not ${describeSeries(uncovered)}`)
    }
    // Aligned like histogram windows; a partial snapshot belongs to the window it ends in.
    const endMs = Math.ceil(snapshot.endMs / capture.intervalMs) * capture.intervalMs
    if (endMs > now + capture.intervalMs + FUTURE_SLACK_MS) {
      return this.#refuse('fields', `${where}: end_ms ${snapshot.endMs} is in the future`)
    }
    const entry = this.#entryFor(capture)
    this.#counters.lost += seqGap(entry.seqs, snapshot.instance, snapshot.seq, endMs)

    let window = entry.open.get(endMs)
    if (!window) {
      if (entry.ended) return this.#refuse('unknown-capture', `${where}: capture ${capture.id} ended`)
      if (endMs <= entry.lastClosedEnd || now - endMs > this.#limits.historyMs) {
        this.#counters.late++
        return undefined
      }
      if (entry.open.size >= MAX_OPEN_PER_SERIES) {
        return this.#refuse('limit', `${where}: ${MAX_OPEN_PER_SERIES} windows already open`)
      }
      window = new OpenScalarWindow(capture, endMs, endMs + capture.graceMs)
      entry.open.set(endMs, window)
    }
    if (window.has(snapshot.instance)) return this.#refuse('duplicate', `${where}: second snapshot for ${endMs}`)
    const problem = window.problem(snapshot, this.#limits.maxSeries)
    if (problem) {
      if (window.size === 0) entry.open.delete(endMs)
      return this.#refuse(problem.reason, `${where}: ${problem.detail}`)
    }
    window.add(snapshot)
    this.#counters.accepted++
    return window
  }

  /** Closes an open window with `missing` as its absent instances; returns it as kept in the history. */
  close(window: OpenScalarWindow, missing: readonly string[], now: number): ClosedScalarWindow {
    const closed = window.close(missing)
    this.#counters.windowsClosed++
    const entry = this.#captures.get(window.capture.id)
    if (!entry) return closed
    entry.open.delete(window.endMs)
    entry.lastClosedEnd = Math.max(entry.lastClosedEnd, window.endMs)
    // Windows usually close in order; one that waited for a straggler may close after a newer one.
    let at = entry.history.length
    while (at > 0 && (entry.history[at - 1] as ClosedScalarWindow).endMs > closed.endMs) at--
    entry.history.splice(at, 0, closed)
    this.#historyBytes += closed.bytes
    this.#trim(entry, now)
    this.#keepWithinBudget()
    return closed
  }

  /** Open windows, all or those of one service. */
  openWindows(service?: string): OpenScalarWindow[] {
    const out: OpenScalarWindow[] = []
    for (const entry of this.#captures.values()) {
      if (service === undefined || entry.capture.service === service) out.push(...entry.open.values())
    }
    return out
  }

  /** The earliest deadline among open windows. */
  nextDeadline(): number | undefined {
    let next: number | undefined
    for (const entry of this.#captures.values()) {
      for (const w of entry.open.values()) if (next === undefined || w.deadline < next) next = w.deadline
    }
    return next
  }

  /** The last `count` closed windows of a capture, oldest first. */
  recent(captureId: string, count: number): ClosedScalarWindow[] {
    if (count <= 0) return []
    return this.#captures.get(captureId)?.history.slice(-count) ?? []
  }

  /** Marks a capture ended: its open windows still close, no new one opens. */
  endCapture(captureId: string): void {
    const entry = this.#captures.get(captureId)
    if (entry) entry.ended = true
  }

  /** True while a window of the capture is open. */
  hasOpen(captureId: string): boolean {
    return (this.#captures.get(captureId)?.open.size ?? 0) > 0
  }

  /** Drops history past its age, old sequence entries, and ended captures left empty. */
  sweep(now: number): void {
    for (const [id, entry] of this.#captures) {
      this.#trim(entry, now)
      for (const [instance, last] of entry.seqs) {
        if (now - last.endMs > this.#limits.historyMs) entry.seqs.delete(instance)
      }
      if (entry.ended && entry.open.size === 0 && entry.history.length === 0) this.#captures.delete(id)
    }
  }

  /** Captures tracked and bytes of history held. */
  gauges(): { captures: number; historyBytes: number } {
    return { captures: this.#captures.size, historyBytes: this.#historyBytes }
  }

  #entryFor(capture: CaptureInfo): CaptureWindows {
    let entry = this.#captures.get(capture.id)
    if (!entry) {
      entry = { capture, ended: false, open: new Map(), history: [], lastClosedEnd: 0, seqs: new Map() }
      this.#captures.set(capture.id, entry)
    }
    return entry
  }

  #trim(entry: CaptureWindows, now: number): void {
    const { history } = entry
    while (
      history.length > 0 &&
      (history.length > this.#limits.historyWindows ||
        now - (history[0] as ClosedScalarWindow).endMs > this.#limits.historyMs)
    ) {
      this.#historyBytes -= (history.shift() as ClosedScalarWindow).bytes
    }
  }

  /** Beyond the byte budget, the oldest window of all goes first (never a capture's newest). */
  #keepWithinBudget(): void {
    while (this.#historyBytes > this.#limits.maxHistoryBytes) {
      let oldest: CaptureWindows | undefined
      for (const entry of this.#captures.values()) {
        const first = entry.history[0]
        if (entry.history.length > 1 && first && (!oldest || first.endMs < (oldest.history[0]?.endMs ?? 0))) {
          oldest = entry
        }
      }
      if (!oldest) return
      this.#historyBytes -= (oldest.history.shift() as ClosedScalarWindow).bytes
      this.#counters.evicted++
    }
  }

  #refuse(reason: ScalarRejectReason, detail: string): undefined {
    this.#counters.reject(reason, detail)
    return undefined
  }
}
