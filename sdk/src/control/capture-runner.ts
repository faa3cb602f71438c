import type { HistogramSnapshotInput, ScalarSnapshotInput } from '@prodbench/proto'
import type { EffectiveConfig, Rule } from '../core/index.js'
import { Counter } from '../metrics/counter.js'
import type { Gauge } from '../metrics/gauge.js'
import { encodeCounts } from '../metrics/hdr-codec.js'
import type { Histogram } from '../metrics/histogram.js'
import type { MetricRegistry } from '../metrics/metric-registry.js'
import type { Interval } from '../metrics/recorder.js'
import { ScalarCapture } from './scalar-capture.js'

/** A capture as this instance runs it (or refuses it), for acks and heartbeats. */
export interface CaptureReport {
  readonly captureId: string
  readonly metric: string
  readonly intervalMs: number
  readonly metrics: string[]
  readonly refused?: string
  readonly expiresAt?: number
}

/** One metric's data in the current window of one capture. */
interface Window {
  readonly histogram: Histogram
  counts: Float64Array | undefined
  count: number
  sum: number
  min: number
  max: number
  clamped: number
  seq: number
}

interface Running {
  readonly rule: Rule
  readonly pattern: string
  readonly intervalMs: number
  windowStart: number
  readonly windows: Map<string, Window>
  /** The counters and gauges covered: one ScalarSnapshot per window when any. */
  readonly scalars: ScalarCapture
  matchedVersion: number
}

/**
 * Runs the capture rules that apply to this instance: on every whole second
 * while a capture is active (and never otherwise) it cuts the interval of each
 * captured histogram, adds it to the window of every capture covering it, and
 * when a window ends (a multiple of the capture's interval, so all instances'
 * windows line up) publishes one snapshot per histogram, and one
 * ScalarSnapshot for all the counters and gauges it covers (every window,
 * changed or not; gauge callbacks are read then). Beyond `maxCaptures`
 * the oldest captures are refused and reported.
 */
export class CaptureRunner {
  readonly #running = new Map<string, Running>()
  #refused: Rule[] = []
  #timer: NodeJS.Timeout | undefined
  #closed = false

  constructor(
    private readonly options: {
      readonly service: string
      readonly instance: string
      readonly registry: MetricRegistry
      readonly maxCaptures: number
      readonly publish: (captureId: string, snapshot: HistogramSnapshotInput) => void
      /** Where the ScalarSnapshot of a capture covering counters or gauges goes; dropped when absent. */
      readonly publishScalars?: (captureId: string, snapshot: ScalarSnapshotInput) => void
      readonly report: (event: string, error: unknown) => void
      readonly now?: () => number
    },
  ) {}

  /** Follows a new effective config: starts new captures, stops removed or expired ones. */
  update(config: EffectiveConfig): void {
    if (this.#closed) return
    const wanted = config.captures.slice(0, this.options.maxCaptures)
    this.#refused = config.captures.slice(this.options.maxCaptures)
    const ids = new Set(wanted.map((rule) => rule.id))
    // A stopped capture's partial window is dropped: it would not line up.
    for (const id of this.#running.keys()) if (!ids.has(id)) this.#running.delete(id)
    const now = this.#now()
    // Running captures pick up metrics registered since they last looked, so
    // the cuts below hand those metrics' values to them instead of dropping them.
    for (const running of this.#running.values()) this.#match(running)
    for (const rule of wanted) {
      if (this.#running.has(rule.id) || !rule.capture) continue
      // What was recorded before this capture belongs to the captures already running.
      for (const histogram of this.options.registry.matching(rule.capture.metric)) this.#cut(histogram, now)
      const scalars = this.options.registry.scalarsMatching(rule.capture.metric)
      for (const gauge of scalars) if (!(gauge instanceof Counter)) this.#cutGauge(gauge)
      const running: Running = {
        rule,
        pattern: rule.capture.metric,
        intervalMs: rule.capture.intervalMs,
        windowStart: now,
        windows: new Map(),
        scalars: new ScalarCapture(),
        matchedVersion: -1,
      }
      running.scalars.cover(scalars, true)
      this.#match(running)
      this.#running.set(rule.id, running)
    }
    this.#schedule()
  }

  /** The captures as run (and refused) now. */
  reports(): CaptureReport[] {
    const out: CaptureReport[] = []
    for (const r of this.#running.values()) {
      out.push({
        captureId: r.rule.id,
        metric: r.pattern,
        intervalMs: r.intervalMs,
        metrics: [...r.windows.keys(), ...r.scalars.names()],
        expiresAt: r.rule.expiresAt,
      })
    }
    for (const rule of this.#refused) {
      out.push({
        captureId: rule.id,
        metric: rule.capture?.metric ?? '',
        intervalMs: rule.capture?.intervalMs ?? 0,
        metrics: [],
        refused: `over this instance's limit of ${this.options.maxCaptures} concurrent captures`,
        expiresAt: rule.expiresAt,
      })
    }
    return out
  }

  /** How many captures run now. */
  get active(): number {
    return this.#running.size
  }

  /** Stops the ticker; nothing more is published. Idempotent. */
  close(): void {
    this.#closed = true
    clearTimeout(this.#timer)
    this.#running.clear()
  }

  #schedule(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    if (this.#closed || this.#running.size === 0) return
    const now = this.#now()
    this.#timer = setTimeout(() => this.#tick(), 1_000 - (now % 1_000) + 1)
    this.#timer.unref()
  }

  #tick(): void {
    try {
      const at = Math.floor(this.#now() / 1_000) * 1_000
      const covered = new Set<Histogram>()
      const gauges = new Set<Gauge>()
      const reads = new Set<Gauge>()
      for (const running of this.#running.values()) {
        this.#match(running)
        for (const window of running.windows.values()) covered.add(window.histogram)
        const ends = windowEnd(running, at) > running.windowStart
        for (const gauge of running.scalars.gauges()) {
          gauges.add(gauge)
          // Callbacks are read once per window, at its end.
          if (ends && gauge.callback) reads.add(gauge)
        }
      }
      for (const histogram of covered) this.#cut(histogram, at)
      for (const gauge of reads) gauge.sample(at)
      for (const gauge of gauges) this.#cutGauge(gauge)
      for (const running of this.#running.values()) {
        // The latest window boundary passed: after an event-loop stall over
        // several windows, the missed ones go out as one longer snapshot and
        // the next is on time again.
        const end = windowEnd(running, at)
        if (end > running.windowStart) this.#flush(running, end)
      }
    } catch (err) {
      this.options.report('capture', err)
    }
    this.#schedule()
  }

  /** Adds windows for metrics registered since the capture last looked. */
  #match(running: Running): void {
    const version = this.options.registry.version
    if (running.matchedVersion === version) return
    running.matchedVersion = version
    // Instruments registered after the capture started: all they hold is news.
    running.scalars.cover(this.options.registry.scalarsMatching(running.pattern), false)
    for (const histogram of this.options.registry.matching(running.pattern)) {
      if (!running.windows.has(histogram.name)) {
        running.windows.set(histogram.name, {
          histogram,
          counts: undefined,
          count: 0,
          sum: 0,
          min: Number.POSITIVE_INFINITY,
          max: 0,
          clamped: 0,
          seq: 0,
        })
      }
    }
  }

  /** Ends the histogram's current interval and adds it to every window covering it. */
  #cut(histogram: Histogram, at: number): void {
    const interval = histogram.recorder.cut(at)
    for (const running of this.#running.values()) {
      const window = running.windows.get(histogram.name)
      if (window && window.histogram === histogram) add(window, interval)
    }
    histogram.recorder.release(interval)
  }

  /** Folds what the gauge's series saw since the last cut into every capture covering it, then cuts them. */
  #cutGauge(gauge: Gauge): void {
    for (const running of this.#running.values()) running.scalars.fold(gauge)
    for (const [series] of gauge.table.entries()) series.cut()
  }

  #flush(running: Running, end: number): void {
    this.#flushScalars(running, end)
    for (const window of running.windows.values()) {
      const { histogram } = window
      const layout = histogram.recorder.layout
      const counts = window.counts ?? new Float64Array(layout.countsLength)
      const hdr = encodeCounts(layout, counts)
      window.seq++
      this.options.publish(running.rule.id, {
        captureId: running.rule.id,
        service: this.options.service,
        instance: this.options.instance,
        metric: histogram.name,
        seq: window.seq,
        startMs: running.windowStart,
        endMs: end,
        unit: histogram.unit,
        significantDigits: layout.digits,
        lowest: layout.lowest,
        highest: layout.highest,
        count: window.count,
        sum: window.sum,
        min: window.count > 0 ? window.min : 0,
        max: window.max,
        clamped: window.clamped,
        hdr,
      })
      window.counts?.fill(0)
      window.count = 0
      window.sum = 0
      window.min = Number.POSITIVE_INFINITY
      window.max = 0
      window.clamped = 0
    }
    running.windowStart = end
  }

  #flushScalars(running: Running, end: number): void {
    const { scalars } = running
    if (scalars.size === 0) return
    // Every window goes out, changes or not, so the control plane can close it early.
    const points = scalars.flush()
    scalars.seq++
    this.options.publishScalars?.(running.rule.id, {
      captureId: running.rule.id,
      service: this.options.service,
      instance: this.options.instance,
      seq: scalars.seq,
      startMs: running.windowStart,
      endMs: end,
      points,
    })
  }

  #now(): number {
    return (this.options.now ?? Date.now)()
  }
}

/** The latest window boundary of `running` at or before `at`. */
function windowEnd(running: Running, at: number): number {
  return Math.floor(at / running.intervalMs) * running.intervalMs
}

function add(window: Window, interval: Interval): void {
  if (interval.count === 0 && interval.clamped === 0) return
  if (!window.counts) window.counts = new Float64Array(interval.counts.length)
  const target = window.counts
  const source = interval.counts
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as number
    if (c !== 0) target[i] = (target[i] as number) + c
  }
  window.count += interval.count
  window.sum += interval.sum
  if (interval.count > 0) {
    if (interval.min < window.min) window.min = interval.min
    if (interval.max > window.max) window.max = interval.max
  }
  window.clamped += interval.clamped
}
