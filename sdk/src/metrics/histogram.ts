import type { HdrRecorder } from './recorder.js'
import type { Unit } from './units.js'

/** Nanoseconds per unit, for timers; undefined for units that are not time. */
const NS_PER_UNIT: Partial<Record<Unit, number>> = { ns: 1, us: 1_000, ms: 1_000_000, s: 1_000_000_000 }

/** Stops a timer and records the elapsed time; returns it in the histogram's unit. */
export type StopTimer = () => number

/**
 * A histogram of one metric, always recording locally: `record` costs a
 * bucket increment and nothing is shipped until a capture asks for it.
 * Made by `pb.histogram(name, options)`.
 */
export class Histogram {
  /** Metric name, e.g. `http.server.duration`. */
  readonly name: string
  /** Unit of the recorded values. */
  readonly unit: Unit
  /** @internal */
  readonly recorder: HdrRecorder
  readonly #nsPerUnit: number

  /** @internal use `pb.histogram()` */
  constructor(name: string, unit: Unit, recorder: HdrRecorder) {
    this.name = name
    this.unit = unit
    this.recorder = recorder
    this.#nsPerUnit = NS_PER_UNIT[unit] ?? 1_000
  }

  /**
   * Records one value in the histogram's unit. Never throws: a value out of
   * the histogram's range is clamped into it and counted.
   */
  record(value: number): void {
    this.recorder.record(value)
  }

  /**
   * Records `value`, and for a value larger than `expectedInterval` the
   * values a stalled recording loop would have missed (HdrHistogram's
   * coordinated-omission correction).
   */
  recordWithExpectedInterval(value: number, expectedInterval: number): void {
    this.recorder.recordWithExpectedInterval(value, expectedInterval)
  }

  /**
   * Starts a timer; calling the returned function records the elapsed time in
   * the histogram's unit (microseconds for a `us` histogram) and returns it.
   * For a histogram whose unit is not time, elapsed microseconds are recorded.
   */
  startTimer(): StopTimer {
    const start = process.hrtime.bigint()
    return () => {
      const elapsed = Number(process.hrtime.bigint() - start) / this.#nsPerUnit
      this.recorder.record(elapsed)
      return elapsed
    }
  }
}
