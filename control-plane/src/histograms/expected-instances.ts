import type { AppliedConfigMessage } from '@prodbench/proto'
import type { InstanceRegistry } from '../registry/index.js'
import type { CaptureInfo } from './capture-directory.js'

/**
 * Who a window waits for: the live instances the capture selects that run
 * the metric, as their last heartbeat or ack says. Pure: time comes in as `now`.
 */
export function expectedInstances(
  registry: InstanceRegistry,
  capture: CaptureInfo,
  metric: string,
  now: number,
): string[] {
  const out: string[] = []
  for (const record of registry.live(capture.service, now)) {
    if (capture.instance !== undefined && record.instance !== capture.instance) continue
    if (expectedToReport(record.applied, capture.id, metric)) out.push(record.instance)
  }
  return out
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
  return (active.metrics ?? []).includes(metric)
}
