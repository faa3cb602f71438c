import { MAX_LOGGER_LENGTH as MAX_METRIC_LENGTH, metricMatches, metricNameProblem, toToken } from '../core/index.js'
import { Counter } from './counter.js'
import { Gauge } from './gauge.js'
import { hdrLayout } from './hdr-layout.js'
import { Histogram } from './histogram.js'
import { HdrRecorder } from './recorder.js'
import { DEFAULT_MAX_SERIES, type InstrumentHooks, MAX_SERIES_LIMIT, SILENT_HOOKS } from './series.js'
import { defaultRange, isUnit, UNITS, type Unit } from './units.js'

/** Options of `pb.histogram(name, options)`. */
export interface HistogramOptions {
  /**
   * Unit of the recorded values.
   * @default 'us'
   */
  unit?: Unit
  /**
   * Lowest value told apart from 0 (an integer ≥ 1).
   * @default 1
   */
  lowest?: number
  /**
   * Highest value tracked; larger values are clamped and counted.
   * @default one hour in time units, 2^40 otherwise
   */
  highest?: number
  /**
   * Significant decimal digits kept (1 to 5): 3 means 0.1 % relative error.
   * @default 3
   */
  digits?: number
}

/** Options of `pb.counter(name, options)`. */
export interface CounterOptions {
  /**
   * Unit of the counted amounts.
   * @default '1'
   */
  unit?: Unit
  /**
   * Label names this instrument's series are told apart by (e.g.
   * `['route', 'status']`); other names passed at `add` time are ignored.
   * @default [] (one series)
   */
  labels?: readonly string[]
  /**
   * Label sets kept (1 to 10,000); past it, values go to one overflow series
   * labelled `{ overflow: 'true' }`, and the overflow is reported.
   * @default 100
   */
  maxSeries?: number
}

/** Options of `pb.gauge(name, options)`. */
export interface GaugeOptions extends CounterOptions {
  /**
   * Read at every capture window's end and for heartbeats, instead of (or
   * besides) `set`; its value goes to the series without labels. A callback
   * that throws is counted and skipped.
   * @default none
   */
  read?: () => number
}

/** A registered metric as reported in heartbeats and `status()`. */
export interface MetricInfo {
  readonly name: string
  readonly kind: 'histogram' | 'counter' | 'gauge'
  readonly unit: Unit
  /** Counter: total over its series. Gauge: last value (or sum over series). Histogram: values recorded since start. */
  readonly value: number
  /** Label sets in use (1 for an instrument without labels). */
  readonly series: number
  /** Lookups sent to the overflow series because `maxSeries` was reached. */
  readonly overflow: number
}

/** Counters and gauges: what a capture streams as scalars. */
export type Scalar = Counter | Gauge

type Instrument = Histogram | Scalar

const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/
const MAX_LABELS = 16

/**
 * The instance's metrics by name: histograms, counters and gauges share one
 * namespace. Asking twice for a name gives the same instrument; a bad name or
 * option is made valid and reported, never thrown; a name taken by another
 * kind gives a working instrument that is not registered (and is reported).
 */
export class MetricRegistry {
  readonly #instruments = new Map<string, Instrument>()
  readonly #hooks: InstrumentHooks
  #version = 0

  /** @param hooks where counters and gauges report refused values and overflows */
  constructor(hooks: InstrumentHooks = SILENT_HOOKS) {
    this.#hooks = hooks
  }

  /** Bumped on every new metric, so captures know to match again. */
  get version(): number {
    return this.#version
  }

  /** The histogram named `name`, created on first use. */
  histogram(name: string, options: HistogramOptions = {}, report?: (why: string) => void): Histogram {
    const key = this.#key(name, report)
    const existing = this.#instruments.get(key)
    if (existing instanceof Histogram) {
      if (options.unit !== undefined && options.unit !== existing.unit) {
        report?.(`metric "${key}" exists with unit ${existing.unit}; ignoring unit ${options.unit}`)
      }
      return existing
    }
    const histogram = new Histogram(key, ...this.#recorder(key, options, report))
    if (existing) return this.#conflict(existing, histogram, report)
    return this.#add(histogram)
  }

  /** The counter named `name`, created on first use. */
  counter(name: string, options: CounterOptions = {}, report?: (why: string) => void): Counter {
    const key = this.#key(name, report)
    const existing = this.#instruments.get(key)
    if (existing instanceof Counter) return this.#same(existing, options, report)
    const { unit, labels, maxSeries } = this.#scalarOptions(key, options, report)
    const counter = new Counter(key, unit, labels, maxSeries, this.#hooks)
    if (existing) return this.#conflict(existing, counter, report)
    return this.#add(counter)
  }

  /** The gauge named `name`, created on first use. */
  gauge(name: string, options: GaugeOptions = {}, report?: (why: string) => void): Gauge {
    const key = this.#key(name, report)
    const existing = this.#instruments.get(key)
    if (existing instanceof Gauge) {
      if (options.read !== undefined && options.read !== existing.callback) {
        report?.(`gauge "${key}" exists; its callback is kept and the new one ignored`)
      }
      return this.#same(existing, options, report)
    }
    const { unit, labels, maxSeries } = this.#scalarOptions(key, options, report)
    let read = options.read
    if (read !== undefined && typeof read !== 'function') {
      report?.(`gauge "${key}": read must be a function; ignored`)
      read = undefined
    }
    const gauge = new Gauge(key, unit, labels, maxSeries, this.#hooks, read)
    if (existing) return this.#conflict(existing, gauge, report)
    return this.#add(gauge)
  }

  /** Histograms whose name `pattern` covers. */
  matching(pattern: string): Histogram[] {
    const out: Histogram[] = []
    for (const m of this.#instruments.values())
      if (m instanceof Histogram && metricMatches(pattern, m.name)) out.push(m)
    return out
  }

  /** Counters and gauges whose name `pattern` covers. */
  scalarsMatching(pattern: string): Scalar[] {
    const out: Scalar[] = []
    for (const m of this.#instruments.values()) {
      if (!(m instanceof Histogram) && metricMatches(pattern, m.name)) out.push(m)
    }
    return out
  }

  /** Every metric, by name; gauge callbacks are read (guarded) for their value. */
  list(now: number = Date.now()): MetricInfo[] {
    return [...this.#instruments.values()]
      .map((m): MetricInfo => {
        if (m instanceof Histogram)
          return {
            name: m.name,
            kind: 'histogram',
            unit: m.unit,
            value: m.recorder.totalCount(),
            series: 1,
            overflow: 0,
          }
        const kind = m instanceof Counter ? 'counter' : 'gauge'
        const value = m instanceof Counter ? m.total : m.current(now)
        return { name: m.name, kind, unit: m.unit, value, series: m.table.size, overflow: m.table.overflow }
      })
      .sort((a, b) => (a.name < b.name ? -1 : 1))
  }

  #add<T extends Instrument>(instrument: T): T {
    this.#instruments.set(instrument.name, instrument)
    this.#version++
    return instrument
  }

  #conflict<T extends Instrument>(existing: Instrument, made: T, report?: (why: string) => void): T {
    report?.(
      `metric "${made.name}" is already a ${kindOf(existing)}; this ${kindOf(made)} works but is not registered (never captured)`,
    )
    return made
  }

  #same<T extends Scalar>(existing: T, options: CounterOptions, report?: (why: string) => void): T {
    if (options.unit !== undefined && options.unit !== existing.unit) {
      report?.(`metric "${existing.name}" exists with unit ${existing.unit}; ignoring unit ${options.unit}`)
    }
    if (options.labels !== undefined && String(options.labels) !== String(existing.table.names)) {
      report?.(
        `metric "${existing.name}" exists with labels [${existing.table.names.join(', ')}]; ignoring the new ones`,
      )
    }
    return existing
  }

  #key(name: string, report?: (why: string) => void): string {
    const why = typeof name === 'string' ? metricNameProblem(name) : 'must be a string'
    if (!why) return name
    const key = String(name)
      .split('.')
      .map((segment) => toToken(segment, 64))
      .join('.')
      .slice(0, MAX_METRIC_LENGTH)
      .replace(/\.+$/, '')
    report?.(`metric name ${JSON.stringify(String(name).slice(0, 80))} ${why}; using "${key}"`)
    return key
  }

  #scalarOptions(name: string, options: CounterOptions, report?: (why: string) => void) {
    let unit: Unit = options.unit ?? '1'
    if (!isUnit(unit)) {
      report?.(`metric "${name}": unit ${JSON.stringify(unit)} is not one of ${UNITS.join(', ')}; using 1`)
      unit = '1'
    }
    let maxSeries = options.maxSeries ?? DEFAULT_MAX_SERIES
    if (!Number.isInteger(maxSeries) || maxSeries < 1 || maxSeries > MAX_SERIES_LIMIT) {
      report?.(
        `metric "${name}": maxSeries ${String(maxSeries)} is not an integer in 1..${MAX_SERIES_LIMIT}; using ${DEFAULT_MAX_SERIES}`,
      )
      maxSeries = DEFAULT_MAX_SERIES
    }
    const labels: string[] = []
    for (const label of Array.isArray(options.labels) ? options.labels : []) {
      if (
        typeof label !== 'string' ||
        !LABEL_NAME.test(label) ||
        labels.includes(label) ||
        labels.length >= MAX_LABELS
      ) {
        report?.(
          `metric "${name}": label ${JSON.stringify(label)} ignored (a unique name like route_id, at most ${MAX_LABELS} labels)`,
        )
      } else labels.push(label)
    }
    if (options.labels !== undefined && !Array.isArray(options.labels)) {
      report?.(`metric "${name}": labels must be an array of names; ignored`)
    }
    return { unit, labels, maxSeries }
  }

  #recorder(name: string, options: HistogramOptions, report?: (why: string) => void): [Unit, HdrRecorder] {
    let unit: Unit = options.unit ?? 'us'
    if (!(UNITS as readonly string[]).includes(unit)) {
      report?.(`metric "${name}": unit ${JSON.stringify(unit)} is not one of ${UNITS.join(', ')}; using us`)
      unit = 'us'
    }
    const range = defaultRange(unit)
    const lowest = options.lowest ?? range.lowest
    const highest = options.highest ?? range.highest
    const digits = options.digits ?? range.digits
    try {
      return [unit, new HdrRecorder(hdrLayout(lowest, highest, digits))]
    } catch (err) {
      report?.(`metric "${name}": ${(err as Error).message}; using the defaults for ${unit}`)
      return [unit, new HdrRecorder(hdrLayout(range.lowest, range.highest, range.digits))]
    }
  }
}

function kindOf(m: Instrument): MetricInfo['kind'] {
  return m instanceof Histogram ? 'histogram' : m instanceof Counter ? 'counter' : 'gauge'
}
