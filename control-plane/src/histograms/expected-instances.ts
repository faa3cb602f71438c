import type { AppliedConfigMessage } from '@prodbench/proto'
import { type InstanceRecord, type InstanceRegistry, isLive } from '../registry/index.js'
import type { CaptureInfo } from './capture-directory.js'

/** A capture as one instance runs it (an entry of its `applied.captures`). */
export type ActiveCapture = NonNullable<AppliedConfigMessage['captures']>[number]

/**
 * Who a window waits for: the live instances the capture selects, unless
 * their last heartbeat or ack rules them out. `runs` decides for an instance
 * that reports the capture running (not refused): histograms ask whether the
 * metric is among its metrics, counters and gauges whether any of them is a
 * counter or gauge. Pure: time comes in as `now`.
 */
export function expectedBy(
  registry: InstanceRegistry,
  capture: CaptureInfo,
  now: number,
  runs: (active: ActiveCapture, record: InstanceRecord) => boolean,
): string[] {
  const out: string[] = []
  for (const record of registry.live(capture.service, now))
    if (expects(record, capture, runs)) out.push(record.instance)
  return out
}

/** Whether a window of `capture` waits for the instance of `record` (live or not: the caller checks). */
function expects(
  record: InstanceRecord,
  capture: CaptureInfo,
  runs: (active: ActiveCapture, record: InstanceRecord) => boolean,
): boolean {
  if (capture.instance !== undefined && record.instance !== capture.instance) return false
  const active = record.applied?.captures?.find((c) => c.captureId === capture.id)
  // An instance that has not reported the capture yet is expected: if it stays silent, it is listed as missing.
  return !active || (!active.refused && runs(active, record))
}

/**
 * Who one open window still waits for, kept up to date event by event: the
 * expected instances are computed once when the window opens, then each
 * snapshot and each registry change of one instance adjusts them in O(1).
 * Recomputing them from the registry on every snapshot made a window of N
 * instances cost O(N²) (1,000 instances: a million checks a second).
 * An instance that goes silent stays expected: the window then closes at its
 * deadline and lists it as missing.
 */
export class WindowWaiting {
  readonly #expected: Set<string>
  readonly #has: (instance: string) => boolean
  /** Expected instances with no snapshot in the window yet. */
  #outstanding = 0

  /** `expected` as {@link expectedBy} gives it; `has` says whether the window holds an instance's snapshot. */
  constructor(expected: readonly string[], has: (instance: string) => boolean) {
    this.#expected = new Set(expected)
    this.#has = has
    for (const instance of this.#expected) if (!has(instance)) this.#outstanding++
  }

  /** True once every expected instance reported (and at least one was expected). */
  get done(): boolean {
    return this.#expected.size > 0 && this.#outstanding === 0
  }

  /** The window now holds `instance`'s snapshot (call once per snapshot, after adding it). */
  reported(instance: string): void {
    if (this.#expected.has(instance)) this.#outstanding--
  }

  /** Decides `instance` afresh after the registry heard from it (or it left). */
  update(
    registry: InstanceRegistry,
    capture: CaptureInfo,
    instance: string,
    now: number,
    runs: (active: ActiveCapture, record: InstanceRecord) => boolean,
  ): void {
    const record = registry.get(capture.service, instance)
    const wanted = record !== undefined && isLive(record, now) && expects(record, capture, runs)
    if (wanted === this.#expected.has(instance)) return
    if (wanted) this.#expected.add(instance)
    else this.#expected.delete(instance)
    if (!this.#has(instance)) this.#outstanding += wanted ? 1 : -1
  }

  /** Expected instances that did not report, sorted. */
  missing(): string[] {
    return [...this.#expected].filter((instance) => !this.#has(instance)).sort()
  }
}

/** The `runs` test of a histogram window: the instance lists `metric` among the capture's metrics. */
export function runsMetricOf(metric: string): (active: ActiveCapture) => boolean {
  return (active) => runsMetric(active, metric)
}

/**
 * Whether an instance is expected in a window of this capture and metric:
 * yes unless its applied config shows the capture refused, or running without
 * this metric (it is not registered there). An instance that has not reported
 * the capture yet is expected: if it stays silent, it is listed as missing.
 */
export function expectedToReport(
  applied: AppliedConfigMessage | undefined,
  captureId: string,
  metric: string,
): boolean {
  const active = applied?.captures?.find((c) => c.captureId === captureId)
  if (!active) return true
  if (active.refused) return false
  return runsMetric(active, metric)
}

function runsMetric(active: ActiveCapture, metric: string): boolean {
  return (active.metrics ?? []).includes(metric)
}
