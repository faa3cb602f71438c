import { MAX_LOGGER_LENGTH as MAX_METRIC_LENGTH, metricMatches, metricNameProblem, toToken } from '../core/index.js'
import { hdrLayout } from './hdr-layout.js'
import { Histogram } from './histogram.js'
import { HdrRecorder } from './recorder.js'
import { defaultRange, UNITS, type Unit } from './units.js'

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

/** A registered metric as reported in heartbeats. */
export interface MetricInfo {
  readonly name: string
  readonly kind: 'histogram'
  readonly unit: Unit
}

/**
 * The instance's metrics by name. Asking twice for a name gives the same
 * histogram; a bad name or option is made valid and reported, never thrown.
 */
export class MetricRegistry {
  readonly #histograms = new Map<string, Histogram>()
  #version = 0

  /** Bumped on every new metric, so captures know to match again. */
  get version(): number {
    return this.#version
  }

  /** The histogram named `name`, created on first use. */
  histogram(name: string, options: HistogramOptions = {}, report?: (why: string) => void): Histogram {
    let key = name
    const why = typeof name === 'string' ? metricNameProblem(name) : 'must be a string'
    if (why) {
      key = String(name)
        .split('.')
        .map((segment) => toToken(segment, 64))
        .join('.')
        .slice(0, MAX_METRIC_LENGTH)
        .replace(/\.+$/, '')
      report?.(`metric name ${JSON.stringify(String(name).slice(0, 80))} ${why}; using "${key}"`)
    }
    const existing = this.#histograms.get(key)
    if (existing) {
      if (options.unit !== undefined && options.unit !== existing.unit) {
        report?.(`metric "${key}" exists with unit ${existing.unit}; ignoring unit ${options.unit}`)
      }
      return existing
    }
    const histogram = new Histogram(key, ...this.#recorder(key, options, report))
    this.#histograms.set(key, histogram)
    this.#version++
    return histogram
  }

  /** Histograms whose name `pattern` covers. */
  matching(pattern: string): Histogram[] {
    const out: Histogram[] = []
    for (const histogram of this.#histograms.values()) if (metricMatches(pattern, histogram.name)) out.push(histogram)
    return out
  }

  /** Every metric, by name. */
  list(): MetricInfo[] {
    return [...this.#histograms.values()]
      .map((h) => ({ name: h.name, kind: 'histogram' as const, unit: h.unit }))
      .sort((a, b) => (a.name < b.name ? -1 : 1))
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
