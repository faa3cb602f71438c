import type { HistogramWindowInput } from '@prodbench/proto'
import { DEFAULT_QUANTILES, encodeHdr, type Histogram, summarize } from '@prodbench/sdk/metrics'
import type { InstancePart, OpenWindow } from './open-window.js'
import type { Figures } from './window-figures.js'

/** Display buckets in each window's summary (log-scaled, min to max). */
export const SUMMARY_BUCKETS = 20

/** What every window view carries besides its figures: which series and which span. */
export interface WindowIdentity {
  readonly captureId: string
  readonly service: string
  readonly metric: string
  readonly unit: string
  readonly startMs: number
  readonly endMs: number
}

/**
 * A window after it closed: summarized once, its merged histogram encoded
 * once, and each instance's bytes kept as they came. Only bytes are kept (a
 * few KB each), never decoded histograms, so a long history stays small.
 */
export interface ClosedWindow extends WindowIdentity, Figures {
  readonly significantDigits: number
  /** The merged histogram, HdrHistogram V2 compressed. */
  readonly hdr: Uint8Array
  readonly percentiles: ReadonlyArray<{ quantile: number; value: number }>
  readonly buckets: ReadonlyArray<{ le: number; count: number }>
  /** Sorted by instance. */
  readonly parts: readonly InstancePart[]
  /** Live selected instances that did not report in time, sorted. */
  readonly missing: readonly string[]
  /** Rough memory held (for the history budget). */
  readonly bytes: number
}

/** Freezes an open window into a closed one. `missing` is computed by the caller (it knows the registry). */
export function closeWindow(open: OpenWindow, missing: readonly string[]): ClosedWindow {
  const { merged, figures, unit, startMs, parts } = open.contents()
  const view = summarizeHistogram(merged, figures)
  const hdr = merged ? encodeHdr(merged) : new Uint8Array(0)
  let bytes = 256 + hdr.length
  for (const part of parts) bytes += 96 + part.instance.length + part.hdr.length
  return {
    captureId: open.capture.id,
    service: open.capture.service,
    metric: open.metric,
    unit,
    startMs: Math.min(startMs, open.endMs),
    endMs: open.endMs,
    ...figures,
    significantDigits: view.significantDigits,
    hdr,
    percentiles: view.percentiles,
    buckets: view.buckets,
    parts,
    missing: [...missing].sort(),
    bytes,
  }
}

/** The summary part of a window: percentiles and display buckets from the histogram, the rest exact. */
export function summarizeHistogram(
  h: Histogram | undefined,
  figures: Figures,
): Pick<ClosedWindow, 'percentiles' | 'buckets' | 'significantDigits'> {
  if (!h)
    return {
      percentiles: DEFAULT_QUANTILES.map((quantile) => ({ quantile, value: 0 })),
      buckets: [],
      significantDigits: 0,
    }
  const summary = summarize(h, { quantiles: DEFAULT_QUANTILES, buckets: SUMMARY_BUCKETS })
  // The exact max beats the histogram's bucket edge for quantile 1, and no
  // percentile (a bucket's upper edge) may read above it.
  const percentiles = summary.percentiles.map((p) =>
    figures.count > 0 && (p.quantile === 1 || p.value > figures.max) ? { quantile: p.quantile, value: figures.max } : p,
  )
  return { percentiles, buckets: summary.buckets, significantDigits: h.numberOfSignificantValueDigits }
}

/** The gRPC message of a window view (merged when `instance` is empty). */
export function toWindowMessage(
  view: WindowIdentity &
    Figures &
    Pick<ClosedWindow, 'percentiles' | 'buckets' | 'significantDigits' | 'hdr'> & {
      readonly instance?: string
      readonly instances: readonly string[]
      readonly missing: readonly string[]
    },
): HistogramWindowInput {
  return {
    captureId: view.captureId,
    service: view.service,
    metric: view.metric,
    instance: view.instance ?? '',
    startMs: view.startMs,
    endMs: view.endMs,
    unit: view.unit,
    significantDigits: view.significantDigits,
    count: view.count,
    sum: view.sum,
    min: view.min,
    max: view.max,
    mean: view.count > 0 ? view.sum / view.count : 0,
    percentiles: [...view.percentiles],
    buckets: [...view.buckets],
    hdr: view.hdr,
    instances: [...view.instances],
    missing: [...view.missing],
    clamped: view.clamped,
  }
}

/** A closed window's merged view as a message. */
export function closedWindowMessage(window: ClosedWindow): HistogramWindowInput {
  return toWindowMessage({ ...window, instances: window.parts.map((p) => p.instance) })
}
