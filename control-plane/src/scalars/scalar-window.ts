import type { ScalarWindowInput } from '@prodbench/proto'
import type { CaptureInfo } from '../histograms/index.js'
import { describeSeries, type ScalarEnvelope, type ScalarPoint } from './scalar-envelope.js'

/** One instance's figures of a series in a window. */
interface InstanceFigures {
  readonly instance: string
  readonly delta: number
  readonly value: number
  readonly min: number
  readonly max: number
}

/** A series being merged: counters add deltas; gauges add last values and keep the extremes. */
interface SeriesMerge {
  readonly point: ScalarPoint
  sum: number
  min: number
  max: number
  readonly instances: InstanceFigures[]
}

/** A closed window as kept in the history: its message, built once, and its rough size. */
export interface ClosedScalarWindow {
  readonly captureId: string
  readonly endMs: number
  readonly message: ScalarWindowInput
  /** Rough memory held (for the history budget). */
  readonly bytes: number
}

/**
 * A window of one capture's counters and gauges still taking snapshots:
 * (capture, end_ms). Each accepted snapshot is folded into its series at
 * once, so the window holds one merge per series plus each instance's
 * figures (which the window message carries anyway).
 */
export class OpenScalarWindow {
  readonly #series = new Map<string, SeriesMerge>()
  readonly #reported = new Set<string>()

  constructor(
    readonly capture: CaptureInfo,
    /** The window's end: a multiple of the capture interval. */
    readonly endMs: number,
    /** When it closes even if instances are missing: end + grace. */
    readonly deadline: number,
  ) {}

  /** True when `instance` already has a snapshot here. */
  has(instance: string): boolean {
    return this.#reported.has(instance)
  }

  /** Instances that reported. */
  get size(): number {
    return this.#reported.size
  }

  /**
   * Why `snapshot` cannot join this window, or undefined: a series whose kind
   * or unit differs from what others sent, or more than `maxSeries` series.
   */
  problem(snapshot: ScalarEnvelope, maxSeries: number): { reason: 'conflict' | 'limit'; detail: string } | undefined {
    let added = 0
    for (const point of snapshot.points) {
      const known = this.#series.get(point.key)?.point
      if (!known) {
        added++
        continue
      }
      if (known.kind !== point.kind || known.unit !== point.unit) {
        const said = `${point.kind} in ${JSON.stringify(point.unit)}`
        const was = `${known.kind} in ${JSON.stringify(known.unit)}`
        return { reason: 'conflict', detail: `${describeSeries(point)} is a ${said} here, a ${was} elsewhere` }
      }
    }
    if (this.#series.size + added > maxSeries) {
      return { reason: 'limit', detail: `window ${this.endMs} would hold over ${maxSeries} series` }
    }
    return undefined
  }

  /** Folds a snapshot in (checked by the caller: not a duplicate, no {@link problem}). */
  add(snapshot: ScalarEnvelope): void {
    this.#reported.add(snapshot.instance)
    for (const point of snapshot.points) {
      const gauge = point.kind === 'gauge'
      const mine: InstanceFigures = {
        instance: snapshot.instance,
        delta: gauge ? 0 : point.delta,
        value: point.value,
        min: gauge ? point.min : 0,
        max: gauge ? point.max : 0,
      }
      const merge = this.#series.get(point.key)
      if (!merge) {
        this.#series.set(point.key, {
          point,
          sum: gauge ? point.value : point.delta,
          min: mine.min,
          max: mine.max,
          instances: [mine],
        })
        continue
      }
      merge.sum += gauge ? point.value : point.delta
      if (gauge) {
        merge.min = Math.min(merge.min, point.min)
        merge.max = Math.max(merge.max, point.max)
      }
      merge.instances.push(mine)
    }
  }

  /**
   * The window as it closes, with `missing` (computed by the caller, who knows
   * the registry). It spans one whole interval, `end - interval .. end`, and
   * counter rates are per second of that span.
   */
  close(missing: readonly string[]): ClosedScalarWindow {
    const { intervalMs } = this.capture
    const seconds = intervalMs / 1_000
    let bytes = 256
    const series = [...this.#series.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, merge]) => {
        const { metric, kind, unit, labels } = merge.point
        const instances = merge.instances.sort((a, b) => (a.instance < b.instance ? -1 : 1))
        bytes += 128 + key.length + instances.reduce((n, i) => n + 48 + i.instance.length, 0)
        return {
          metric,
          kind,
          unit,
          labels: { ...labels },
          sum: merge.sum,
          rate: kind === 'counter' ? merge.sum / seconds : 0,
          min: merge.min,
          max: merge.max,
          instances,
        }
      })
    const instances = [...this.#reported].sort()
    for (const i of instances) bytes += 16 + i.length
    return {
      captureId: this.capture.id,
      endMs: this.endMs,
      bytes,
      message: {
        captureId: this.capture.id,
        service: this.capture.service,
        startMs: this.endMs - intervalMs,
        endMs: this.endMs,
        series,
        instances,
        missing: [...missing].sort(),
      },
    }
  }
}
