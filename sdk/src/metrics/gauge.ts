import { type InstrumentHooks, type LabelInput, SeriesTable } from './series.js'
import type { Unit } from './units.js'

/** Callback failures are described at most this often per gauge (each one is counted). */
const READ_REPORT_EVERY_MS = 60_000

/**
 * One label set of a gauge: its last value, and the lowest, highest and
 * number of values since the capture runner last cut it. Returned by
 * `gauge.bind(labels)`, it is the hot path for a fixed label set.
 */
export class GaugeSeries {
  /** Last value set; 0 before the first. */
  declare value: number
  /** Lowest value since the last cut (the carried value included). */
  declare min: number
  /** Highest value since the last cut (the carried value included). */
  declare max: number
  /** Values set since the last cut. */
  declare samples: number
  /** Whether a value was ever set. */
  declare isSet: boolean
  /** @internal */
  declare readonly gauge: Gauge

  /** @internal made by the gauge's series table */
  constructor(gauge: Gauge) {
    this.value = 0
    this.min = Number.POSITIVE_INFINITY
    this.max = Number.NEGATIVE_INFINITY
    this.samples = 0
    this.isSet = false
    this.gauge = gauge
  }

  /** Sets the value. Never throws: a value that is not a finite number is ignored and counted. */
  set(v: number): void {
    if (typeof v !== 'number' || v - v !== 0) {
      this.gauge.refuse(v)
      return
    }
    this.value = v
    if (v < this.min) this.min = v
    if (v > this.max) this.max = v
    this.samples++
    this.isSet = true
  }

  /** @internal starts the next interval: the carried value is its min and max. */
  cut(): void {
    this.samples = 0
    if (this.isSet) {
      this.min = this.value
      this.max = this.value
    }
  }
}

/**
 * A gauge: a value that goes up and down, set by the code or read from a
 * callback when a capture or a heartbeat needs it. Made by `pb.gauge(name)`.
 */
export class Gauge {
  /** Metric name, e.g. `queue.depth`. */
  readonly name: string
  /** Unit of the values. */
  readonly unit: Unit
  /** @internal */
  readonly table: SeriesTable<GaugeSeries>
  /** @internal the callback, when the gauge was made with `read` */
  readonly callback: (() => number) | undefined
  readonly #hooks: InstrumentHooks
  declare private plain: GaugeSeries | undefined
  #refused = false
  #lastReadReport = Number.NEGATIVE_INFINITY

  /** @internal use `pb.gauge()` */
  constructor(
    name: string,
    unit: Unit,
    labels: readonly string[],
    maxSeries: number,
    hooks: InstrumentHooks,
    read?: () => number,
  ) {
    this.name = name
    this.unit = unit
    this.#hooks = hooks
    this.callback = read
    this.table = new SeriesTable(labels, maxSeries, () => new GaugeSeries(this))
    this.table.onFirstOverflow = () => hooks.overflow(name, maxSeries)
    this.plain = labels.length === 0 ? this.table.get(undefined) : undefined
  }

  /**
   * Sets the value of the series of `labels` (only the declared label names
   * count; missing ones are ''). Never throws: a value that is not a finite
   * number is ignored and counted.
   */
  set(v: number, labels?: LabelInput): void {
    if (labels !== undefined) {
      this.table.get(labels).set(v)
      return
    }
    this.plain ??= this.table.get(undefined)
    this.plain.set(v)
  }

  /** The series of `labels`, to set without a lookup per call. */
  bind(labels?: LabelInput): GaugeSeries {
    return this.table.get(labels)
  }

  /**
   * Reads the callback (if any) into the series without labels. A callback
   * that throws or returns a non-finite number is counted and skipped.
   * @internal
   */
  sample(now: number = Date.now()): void {
    const v = this.peek(now)
    if (v !== undefined) this.set(v)
  }

  /**
   * The callback's value without recording it (heartbeats); undefined when
   * there is no callback or it failed (counted, described at most once a minute).
   * @internal
   */
  peek(now: number = Date.now()): number | undefined {
    if (this.callback === undefined) return undefined
    let v: unknown
    try {
      v = this.callback()
      if (typeof v === 'number' && v - v === 0) return v
    } catch (err) {
      this.#readFailed(now, `threw: ${err instanceof Error ? err.message : String(err)}`, err)
      return undefined
    }
    this.#readFailed(now, `returned ${typeof v === 'number' ? String(v) : typeof v}, not a finite number`)
    return undefined
  }

  /** Last value of the series without labels, or the sum over series; the callback's when it has one. */
  current(now: number = Date.now()): number {
    if (this.callback !== undefined) return this.peek(now) ?? this.plain?.value ?? 0
    if (this.plain !== undefined && this.table.names.length === 0) return this.plain.value
    let sum = 0
    for (const [series] of this.table.entries()) sum += series.value
    return sum
  }

  /** @internal a refused set: counted every time, described once. */
  refuse(v: unknown): void {
    const first = !this.#refused
    this.#refused = true
    this.#hooks.bad(
      this.name,
      first ? `gauge "${this.name}": set(${String(v)}) ignored: a gauge takes finite numbers` : undefined,
    )
  }

  #readFailed(now: number, what: string, error?: unknown): void {
    const describe = now - this.#lastReadReport >= READ_REPORT_EVERY_MS
    if (describe) this.#lastReadReport = now
    this.#hooks.bad(this.name, describe ? `gauge "${this.name}": callback ${what}; value skipped` : undefined, error)
  }
}
