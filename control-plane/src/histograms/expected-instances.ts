import type { AppliedConfigMessage } from '@prodbench/proto'
import type { InstanceRecord, InstanceRegistry } from '../registry/index.js'
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
  for (const record of registry.live(capture.service, now)) {
    if (capture.instance !== undefined && record.instance !== capture.instance) continue
    const active = record.applied?.captures?.find((c) => c.captureId === capture.id)
    // An instance that has not reported the capture yet is expected: if it stays silent, it is listed as missing.
    if (!active || (!active.refused && runs(active, record))) out.push(record.instance)
  }
  return out
}

/** The live instances the capture selects that run the metric, as their last heartbeat or ack says. */
export function expectedInstances(
  registry: InstanceRegistry,
  capture: CaptureInfo,
  metric: string,
  now: number,
): string[] {
  return expectedBy(registry, capture, now, (active) => runsMetric(active, metric))
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
