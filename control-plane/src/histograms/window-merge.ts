import type { HistogramWindowInput } from '@prodbench/proto'
import { decodeHdr, encodeHdr, type Histogram, mergeInto } from '@prodbench/sdk/metrics'
import { type ClosedWindow, closedWindowMessage, summarizeHistogram, toWindowMessage } from './closed-window.js'
import { addFigures, type Figures, NO_FIGURES } from './window-figures.js'

/**
 * Views over closed windows, built on demand for GetHistogram and for
 * per-instance watch streams: several windows merged into one, or one
 * instance's share of one or several windows. Each decodes the kept bytes
 * (what closed windows hold) and merges with HdrHistogram `add`.
 */

/**
 * The merged view over `windows` (oldest first): the union of their
 * histograms, exact figures added up, the instances that reported in any of
 * them, and the instances missing from any of them.
 */
export function mergedView(windows: readonly ClosedWindow[]): HistogramWindowInput {
  const [first] = windows
  if (!first) throw new RangeError('no window to merge')
  // One window is already summarized and encoded.
  if (windows.length === 1) return closedWindowMessage(first)
  const instances = new Set<string>()
  const missing = new Set<string>()
  for (const w of windows) {
    for (const p of w.parts) instances.add(p.instance)
    for (const m of w.missing) missing.add(m)
  }
  return build(
    windows,
    windows.map((w) => ({ hdr: w.hdr, figures: w, startMs: w.startMs, endMs: w.endMs })),
    undefined,
    [...instances].sort(),
    [...missing].sort(),
  )
}

/** Each instance's view over `windows`: its snapshots there merged, sorted by instance. */
export function instanceViews(windows: readonly ClosedWindow[]): HistogramWindowInput[] {
  const byInstance = new Map<string, Source[]>()
  for (const w of windows) {
    for (const part of w.parts) {
      let sources = byInstance.get(part.instance)
      if (!sources) {
        sources = []
        byInstance.set(part.instance, sources)
      }
      sources.push({ hdr: part.hdr, figures: part, startMs: part.startMs, endMs: w.endMs })
    }
  }
  return [...byInstance.keys()]
    .sort()
    .map((instance) => build(windows, byInstance.get(instance) ?? [], instance, [instance], []))
}

/** One histogram to merge: its bytes, exact figures and span. */
interface Source {
  readonly hdr: Uint8Array
  readonly figures: Figures
  readonly startMs: number
  readonly endMs: number
}

function build(
  windows: readonly ClosedWindow[],
  sources: readonly Source[],
  instance: string | undefined,
  instances: string[],
  missing: string[],
): HistogramWindowInput {
  const first = windows[0] as ClosedWindow
  let merged: Histogram | undefined
  let figures = NO_FIGURES
  for (const source of sources) {
    figures = addFigures(figures, source.figures)
    if (source.hdr.length === 0) continue
    // Bytes kept here were decoded once already on the way in: they decode again.
    const h = decodeHdr(source.hdr)
    if (merged) mergeInto(merged, h)
    else merged = h
  }
  // A single source keeps its own bytes: no re-encoding.
  const hdr = sources.length === 1 && sources[0] ? sources[0].hdr : merged ? encodeHdr(merged) : new Uint8Array(0)
  return toWindowMessage({
    captureId: first.captureId,
    service: first.service,
    metric: first.metric,
    unit: first.unit,
    startMs: Math.min(...sources.map((s) => s.startMs)),
    endMs: Math.max(...sources.map((s) => s.endMs)),
    ...figures,
    ...summarizeHistogram(merged, figures),
    hdr,
    ...(instance !== undefined ? { instance } : {}),
    instances,
    missing,
  })
}
