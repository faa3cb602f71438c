import type { ScalarWindowInput } from '@prodbench/proto'
import { metricMatches } from '@prodbench/sdk/core'
import { InvalidArgumentError, NotFoundError } from '../errors.js'
import type { WatchMetricsInput } from '../grpc/requests.js'
import type { CaptureDirectory, CaptureInfo } from '../histograms/index.js'

/**
 * The capture a WatchMetrics follows, and what each stream sees of a window.
 * Pure: undefined means "not found here", and the caller may refresh the
 * captures from KV and ask again.
 */

/**
 * True when some metric name matches both patterns (`*` one segment, a
 * trailing `**` any number): a capture of `a` could carry series a filter
 * `b` asks for. Two plain names overlap when they are equal.
 */
export function patternsOverlap(a: string, b: string): boolean {
  const left = a.split('.')
  const right = b.split('.')
  const restLeft = left[left.length - 1] === '**'
  const restRight = right[right.length - 1] === '**'
  if (restLeft) left.pop()
  if (restRight) right.pop()
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] !== '*' && right[i] !== '*' && left[i] !== right[i]) return false
  }
  if (restLeft && restRight) return true
  if (restLeft) return right.length >= left.length
  if (restRight) return left.length >= right.length
  return left.length === right.length
}

/**
 * The active capture a WatchMetrics follows: the one asked for, else the
 * newest of the service whose pattern could cover `metric` (any, when no
 * metric is given). A capture that already has counter/gauge windows wins
 * over one that has none (it may capture histograms only).
 * @throws {InvalidArgumentError} when the capture asked for cannot cover `metric`
 */
export function watchedScalarCapture(
  directory: CaptureDirectory,
  input: WatchMetricsInput,
  hasWindows: (captureId: string) => boolean,
): CaptureInfo | undefined {
  if (input.captureId !== undefined) {
    const capture = directory.get(input.captureId)
    if (!capture || capture.service !== input.service) return undefined
    if (input.metric !== undefined && !patternsOverlap(capture.metric, input.metric)) {
      throw new InvalidArgumentError('metric', `capture ${capture.id} covers ${capture.metric}, not ${input.metric}`)
    }
    return capture
  }
  const metric = input.metric
  const candidates = directory
    .ofService(input.service)
    .filter((c) => metric === undefined || patternsOverlap(c.metric, metric))
  return candidates.find((c) => hasWindows(c.id)) ?? candidates[0]
}

/** Why WatchMetrics found no capture, with what to do about it. */
export function metricsWatchNotFound(input: WatchMetricsInput): NotFoundError {
  const pattern = input.metric ?? '**'
  const start = `start one: ctl capture start svc=${input.service} metric=${pattern}`
  if (input.captureId !== undefined) {
    return new NotFoundError(
      `no active capture ${input.captureId} in service ${input.service} (never existed, removed, or expired); ${start}`,
    )
  }
  const what = input.metric !== undefined ? `covers metric ${input.metric}` : 'exists'
  return new NotFoundError(`no active capture ${what} in service ${input.service}; ${start}`)
}

/** The window as a stream filtered by `metric` sees it: only the series the pattern covers. */
export function filterWindow(window: ScalarWindowInput, metric: string | undefined): ScalarWindowInput {
  if (metric === undefined) return window
  return { ...window, series: (window.series ?? []).filter((s) => metricMatches(metric, s.metric ?? '')) }
}
