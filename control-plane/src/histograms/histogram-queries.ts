import type { HistogramWindowInput } from '@prodbench/proto'
import { metricMatches } from '@prodbench/sdk/core'
import { InvalidArgumentError, NotFoundError } from '../errors.js'
import type { GetHistogramInput, WatchHistogramInput } from '../grpc/requests.js'
import { type CaptureDirectory, type CaptureInfo, newestFirst } from './capture-directory.js'
import type { ClosedWindow } from './closed-window.js'
import { instanceViews, mergedView } from './window-merge.js'
import type { Series, WindowStore } from './window-store.js'

/**
 * Answers to GetHistogram and the capture a WatchHistogram follows, from the
 * captures in force and the windows kept. Pure: undefined means "not found
 * here", and the caller may refresh the captures from KV and ask again.
 */

/** What GetHistogram answers: the merged view, and one per instance when asked. */
export interface HistogramAnswer {
  readonly merged: HistogramWindowInput
  readonly instances: HistogramWindowInput[]
}

/** GetHistogram over the kept windows, or undefined when nothing closed yet. */
export function queryHistogram(
  directory: CaptureDirectory,
  store: WindowStore,
  input: GetHistogramInput,
): HistogramAnswer | undefined {
  const series = pickSeries(directory, store, input)
  if (!series) return undefined
  const windows = series.history.slice(-input.windows)
  return {
    merged: mergedView(windows),
    instances: input.perInstance ? instanceViews(windows) : [],
  }
}

/**
 * The series GetHistogram reads: the capture asked for, else the newest
 * capture of the service covering the metric that has a closed window
 * (active or ended: an ended capture's history stays readable for a while).
 */
function pickSeries(directory: CaptureDirectory, store: WindowStore, input: GetHistogramInput): Series | undefined {
  if (input.captureId !== undefined) {
    const series = store.series(input.captureId, input.metric)
    return series && series.capture.service === input.service && series.history.length > 0 ? series : undefined
  }
  const candidates = store.seriesOf(input.service, input.metric).filter((s) => s.history.length > 0)
  // An active capture's data wins over an ended one's, then the newest.
  candidates.sort(
    (a, b) =>
      Number(directory.get(b.capture.id) !== undefined) - Number(directory.get(a.capture.id) !== undefined) ||
      newestFirst(a.capture, b.capture),
  )
  return candidates[0]
}

/** Why GetHistogram found nothing, as the error to answer with. */
export function histogramNotFound(directory: CaptureDirectory, input: GetHistogramInput): NotFoundError {
  const what = `no histogram of metric ${input.metric} in service ${input.service}`
  if (input.captureId !== undefined) {
    const capture = directory.get(input.captureId)
    if (!capture || capture.service !== input.service) {
      return new NotFoundError(`${what}: no capture ${input.captureId} (never existed, removed, or expired long ago)`)
    }
    return new NotFoundError(`${what}: ${waiting(capture, input.metric)}`)
  }
  const [active] = directory.covering(input.service, input.metric)
  if (active) return new NotFoundError(`${what}: ${waiting(active, input.metric)}`)
  return new NotFoundError(`${what}: no capture covers it; start one (SetRule with rule.capture)`)
}

function waiting(capture: CaptureInfo, metric: string): string {
  if (!metricMatches(capture.metric, metric)) return `capture ${capture.id} covers ${capture.metric}, not this metric`
  return (
    `capture ${capture.id} has no closed window yet (a window closes at most ` +
    `${capture.intervalMs + capture.graceMs} ms after it starts, once an instance reported)`
  )
}

/**
 * The active capture a WatchHistogram follows: the one asked for, else the
 * newest of the service covering the metric.
 * @throws {InvalidArgumentError} when the capture asked for does not cover the metric
 */
export function watchedCapture(directory: CaptureDirectory, input: WatchHistogramInput): CaptureInfo | undefined {
  if (input.captureId === undefined) return directory.covering(input.service, input.metric)[0]
  const capture = directory.get(input.captureId)
  if (!capture || capture.service !== input.service) return undefined
  if (!metricMatches(capture.metric, input.metric)) {
    throw new InvalidArgumentError('metric', `capture ${capture.id} covers ${capture.metric}, not ${input.metric}`)
  }
  return capture
}

/** Why WatchHistogram found no capture. */
export function watchNotFound(input: WatchHistogramInput): NotFoundError {
  return new NotFoundError(
    input.captureId !== undefined
      ? `no active capture ${input.captureId} in service ${input.service} (never existed, removed, or expired)`
      : `no active capture covers metric ${input.metric} in service ${input.service}; start one (SetRule with rule.capture)`,
  )
}

/** The last `count` closed windows of a series (oldest first), for a watch's backlog. */
export function backlog(store: WindowStore, capture: CaptureInfo, metric: string, count: number): ClosedWindow[] {
  if (count <= 0) return []
  return store.series(capture.id, metric)?.history.slice(-count) ?? []
}
