import { metricMatches } from '@prodbench/sdk/core'
import { decodeHdr, type Histogram } from '@prodbench/sdk/metrics'
import type { HistogramLimits } from '../options.js'
import type { CaptureInfo } from './capture-directory.js'
import { type ClosedWindow, closeWindow } from './closed-window.js'
import type { HistogramCounters } from './histogram-stats.js'
import { OpenWindow } from './open-window.js'
import type { SnapshotEnvelope } from './snapshot-envelope.js'

/** Open windows one series may have at once; more means end_ms values that make no sense. */
export const MAX_OPEN_PER_SERIES = 8
/** How far past now a snapshot's end may be (clock skew) beyond one interval. */
export const FUTURE_SLACK_MS = 60_000

/** The windows of one (capture, metric): the open ones and the closed history, oldest first. */
export interface Series {
  readonly key: string
  readonly capture: CaptureInfo
  readonly metric: string
  /** True once the capture was removed or expired: no new windows open. */
  ended: boolean
  readonly open: Map<number, OpenWindow>
  readonly history: ClosedWindow[]
  /** End of the newest closed window: older windows that are not open are late. */
  lastClosedEnd: number
  /** Last sequence number and window end seen per instance, for loss counting. */
  readonly seqs: Map<string, { seq: number; endMs: number }>
}

/**
 * Every series' windows: where snapshots are merged, windows closed and
 * history kept within its bounds (windows, age, bytes, series). Pure: time is
 * an argument, and who is expected in a window is decided by the caller.
 */
export class WindowStore {
  readonly #series = new Map<string, Series>()
  readonly #limits: HistogramLimits
  readonly #counters: HistogramCounters
  #historyBytes = 0

  constructor(limits: HistogramLimits, counters: HistogramCounters) {
    this.#limits = limits
    this.#counters = counters
  }

  /**
   * Merges a snapshot of an active capture into its window, opening the
   * window when needed. Returns the window, or undefined when the snapshot
   * was late or refused (counted either way).
   */
  add(capture: CaptureInfo, snapshot: SnapshotEnvelope, now: number): OpenWindow | undefined {
    const where = `${snapshot.service}/${capture.id}/${snapshot.instance} ${snapshot.metric}`
    if (!metricMatches(capture.metric, snapshot.metric)) {
      return this.#refuse('metric', `${where}: capture ${capture.id} covers ${capture.metric}, not this metric`)
    }
    // Windows are aligned on multiples of the interval; a partial snapshot belongs to the window it ends in.
    const endMs = Math.ceil(snapshot.endMs / capture.intervalMs) * capture.intervalMs
    if (endMs > now + capture.intervalMs + FUTURE_SLACK_MS) {
      return this.#refuse('fields', `${where}: end_ms ${snapshot.endMs} is in the future`)
    }
    const series = this.#seriesFor(capture, snapshot.metric, now)
    if (!series) return this.#refuse('limit', `${where}: over ${this.#limits.maxSeries} series tracked`)
    this.#countLoss(series, snapshot, endMs)

    let window = series.open.get(endMs)
    if (!window) {
      if (series.ended) return this.#refuse('unknown-capture', `${where}: capture ${capture.id} ended`)
      if (endMs <= series.lastClosedEnd || now - endMs > this.#limits.historyMs) {
        this.#counters.late++
        return undefined
      }
      if (series.open.size >= MAX_OPEN_PER_SERIES) {
        return this.#refuse('limit', `${where}: ${MAX_OPEN_PER_SERIES} windows already open`)
      }
      window = new OpenWindow(capture, snapshot.metric, endMs, endMs + capture.graceMs)
      series.open.set(endMs, window)
    }
    if (window.has(snapshot.instance)) return this.#refuse('duplicate', `${where}: second snapshot for ${endMs}`)
    if (window.unit !== undefined && window.unit !== snapshot.unit) {
      return this.#refuse('unit', `${where}: unit ${snapshot.unit}, the window's is ${window.unit}`)
    }
    let histogram: Histogram
    try {
      histogram = decodeHdr(snapshot.hdr)
      window.add(snapshot, histogram)
    } catch (err) {
      if (window.size === 0) series.open.delete(endMs)
      return this.#refuse('hdr', `${where}: ${(err as Error).message}`)
    }
    this.#counters.accepted++
    return window
  }

  /** Closes an open window with `missing` as its absent instances; returns it as kept in the history. */
  close(window: OpenWindow, missing: readonly string[], now: number): ClosedWindow {
    const series = this.#series.get(seriesKey(window.capture.id, window.metric))
    const closed = closeWindow(window, missing)
    this.#counters.windowsClosed++
    if (!series) return closed
    series.open.delete(window.endMs)
    series.lastClosedEnd = Math.max(series.lastClosedEnd, window.endMs)
    // Windows usually close in order; one that waited for a straggler may close after a newer one.
    let at = series.history.length
    while (at > 0 && (series.history[at - 1] as ClosedWindow).endMs > closed.endMs) at--
    series.history.splice(at, 0, closed)
    this.#historyBytes += closed.bytes
    this.#trim(series, now)
    this.#keepWithinBudget()
    return closed
  }

  /** Open windows, all or those of one service. */
  openWindows(service?: string): OpenWindow[] {
    const out: OpenWindow[] = []
    for (const series of this.#series.values()) {
      if (service !== undefined && series.capture.service !== service) continue
      out.push(...series.open.values())
    }
    return out
  }

  /** The earliest deadline among open windows. */
  nextDeadline(): number | undefined {
    let next: number | undefined
    for (const series of this.#series.values()) {
      for (const w of series.open.values()) if (next === undefined || w.deadline < next) next = w.deadline
    }
    return next
  }

  /** One series, if tracked. */
  series(captureId: string, metric: string): Series | undefined {
    return this.#series.get(seriesKey(captureId, metric))
  }

  /** Series of `service` for `metric` (active captures and ended ones with history). */
  seriesOf(service: string, metric: string): Series[] {
    return [...this.#series.values()].filter((s) => s.capture.service === service && s.metric === metric)
  }

  /** Marks a capture's series ended: their open windows still close, no new one opens. */
  endCapture(captureId: string): void {
    for (const series of this.#series.values()) if (series.capture.id === captureId) series.ended = true
  }

  /** True while a window of the capture is open. */
  hasOpen(captureId: string): boolean {
    for (const series of this.#series.values()) {
      if (series.capture.id === captureId && series.open.size > 0) return true
    }
    return false
  }

  /** Drops history past its age and forgets ended series left empty and old sequence entries. */
  sweep(now: number): void {
    for (const [key, series] of this.#series) {
      this.#trim(series, now)
      for (const [instance, last] of series.seqs) {
        if (now - last.endMs > this.#limits.historyMs) series.seqs.delete(instance)
      }
      if (series.ended && series.open.size === 0 && series.history.length === 0) this.#series.delete(key)
    }
  }

  /** Series tracked and bytes of history held. */
  gauges(): { series: number; historyBytes: number } {
    return { series: this.#series.size, historyBytes: this.#historyBytes }
  }

  #seriesFor(capture: CaptureInfo, metric: string, now: number): Series | undefined {
    const key = seriesKey(capture.id, metric)
    let series = this.#series.get(key)
    if (series) return series
    if (this.#series.size >= this.#limits.maxSeries) {
      this.sweep(now)
      if (this.#series.size >= this.#limits.maxSeries) return undefined
    }
    series = { key, capture, metric, ended: false, open: new Map(), history: [], lastClosedEnd: 0, seqs: new Map() }
    this.#series.set(key, series)
    return series
  }

  /** A gap in an instance's sequence means snapshots that never came; a smaller seq means it restarted. */
  #countLoss(series: Series, snapshot: SnapshotEnvelope, endMs: number): void {
    this.#counters.lost += seqGap(series.seqs, snapshot.instance, snapshot.seq, endMs)
  }

  #trim(series: Series, now: number): void {
    const { history } = series
    while (
      history.length > 0 &&
      (history.length > this.#limits.historyWindows ||
        now - (history[0] as ClosedWindow).endMs > this.#limits.historyMs)
    ) {
      this.#historyBytes -= (history.shift() as ClosedWindow).bytes
    }
  }

  /** Beyond the byte budget, the oldest window of all goes first (never the newest of a series). */
  #keepWithinBudget(): void {
    while (this.#historyBytes > this.#limits.maxHistoryBytes) {
      let oldest: Series | undefined
      for (const series of this.#series.values()) {
        const first = series.history[0]
        if (series.history.length > 1 && first && (!oldest || first.endMs < (oldest.history[0]?.endMs ?? 0))) {
          oldest = series
        }
      }
      if (!oldest) return
      this.#historyBytes -= (oldest.history.shift() as ClosedWindow).bytes
      this.#counters.evicted++
    }
  }

  #refuse(reason: Parameters<HistogramCounters['reject']>[0], detail: string): undefined {
    this.#counters.reject(reason, detail)
    return undefined
  }
}

/** Key of a (capture, metric) series. */
export function seriesKey(captureId: string, metric: string): string {
  return `${captureId}\u0000${metric}`
}

/**
 * Records an instance's sequence number and returns how many snapshots a gap
 * says were lost. A smaller seq means the instance restarted: no loss.
 */
export function seqGap(
  seqs: Map<string, { seq: number; endMs: number }>,
  instance: string,
  seq: number,
  endMs: number,
): number {
  const last = seqs.get(instance)
  if (!last || seq > last.seq || endMs > last.endMs) seqs.set(instance, { seq, endMs })
  return last && seq > last.seq + 1 ? seq - last.seq - 1 : 0
}
