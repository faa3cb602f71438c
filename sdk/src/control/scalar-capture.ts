import type { ScalarSnapshotInput } from '@prodbench/proto'
import { Counter, type CounterSeries } from '../metrics/counter.js'
import type { Gauge, GaugeSeries } from '../metrics/gauge.js'
import type { Scalar } from '../metrics/metric-registry.js'

/** A gauge series over the current window of one capture. */
interface GaugeWindow {
  min: number
  max: number
  samples: number
}

/** What one snapshot point carries, before protobuf. */
type Point = NonNullable<ScalarSnapshotInput['points']>[number]

/**
 * The counters and gauges one capture covers, and what it remembers of them
 * between windows: each counter series' total at the last window end (so the
 * delta is exact without touching the hot path) and each gauge series'
 * min/max/samples folded from the runner's cuts.
 */
export class ScalarCapture {
  readonly #counters = new Map<Counter, Map<CounterSeries, number>>()
  readonly #gauges = new Map<Gauge, Map<GaugeSeries, GaugeWindow>>()
  /** Snapshots published, the last one's number. */
  seq = 0

  /** Counters and gauges covered. */
  get size(): number {
    return this.#counters.size + this.#gauges.size
  }

  /** Names of the instruments covered. */
  names(): string[] {
    return [...this.#counters.keys(), ...this.#gauges.keys()].map((m) => m.name)
  }

  /** The gauges covered. */
  gauges(): IterableIterator<Gauge> {
    return this.#gauges.keys()
  }

  /** Whether `gauge` is covered. */
  covers(gauge: Gauge): boolean {
    return this.#gauges.has(gauge)
  }

  /**
   * Covers `instruments` from now on. `fromNow`: the capture starts now, so
   * what counters counted so far is not its business and gauges carry their
   * current value in; otherwise the instrument is new since the capture
   * started and everything it holds belongs to the window.
   */
  cover(instruments: readonly Scalar[], fromNow: boolean): void {
    for (const m of instruments) {
      if (m instanceof Counter) {
        if (this.#counters.has(m)) continue
        const bases = new Map<CounterSeries, number>()
        if (fromNow) for (const [series] of m.table.entries()) bases.set(series, series.total)
        this.#counters.set(m, bases)
      } else {
        if (this.#gauges.has(m)) continue
        const windows = new Map<GaugeSeries, GaugeWindow>()
        if (fromNow) for (const [series] of m.table.entries()) windows.set(series, carried(series))
        this.#gauges.set(m, windows)
      }
    }
  }

  /** Adds what `gauge`'s series saw since their last cut to this window; call before cutting them. */
  fold(gauge: Gauge): void {
    const windows = this.#gauges.get(gauge)
    if (!windows) return
    for (const [series] of gauge.table.entries()) {
      if (series.samples === 0) continue
      let w = windows.get(series)
      if (!w) {
        w = { min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY, samples: 0 }
        windows.set(series, w)
      }
      if (series.min < w.min) w.min = series.min
      if (series.max > w.max) w.max = series.max
      w.samples += series.samples
    }
  }

  /** One point per series covered, for the window that ends now; starts the next window. */
  flush(): Point[] {
    const points: Point[] = []
    for (const [counter, bases] of this.#counters) {
      for (const [series, labels] of counter.table.entries()) {
        const total = series.total
        points.push({
          metric: counter.name,
          kind: 'counter',
          unit: counter.unit,
          labels: { ...labels },
          delta: total - (bases.get(series) ?? 0),
          value: total,
        })
        bases.set(series, total)
      }
    }
    for (const [gauge, windows] of this.#gauges) {
      for (const [series, labels] of gauge.table.entries()) {
        const w = windows.get(series)
        const seen = w !== undefined && w.min <= w.max
        // A gauge that never had a value (never set, its callback failing)
        // has nothing to say: a 0 would drag the fleet's min and sum down.
        if (!seen && !series.isSet) {
          windows.set(series, carried(series))
          continue
        }
        points.push({
          metric: gauge.name,
          kind: 'gauge',
          unit: gauge.unit,
          labels: { ...labels },
          value: series.value,
          min: seen ? w.min : series.value,
          max: seen ? w.max : series.value,
          samples: w?.samples ?? 0,
        })
        windows.set(series, carried(series))
      }
    }
    return points
  }
}

/** A window starting now: the gauge's current value is its min and max, if it was ever set. */
function carried(series: GaugeSeries): GaugeWindow {
  return series.isSet
    ? { min: series.value, max: series.value, samples: 0 }
    : { min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY, samples: 0 }
}
