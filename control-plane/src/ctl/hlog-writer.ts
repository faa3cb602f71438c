/**
 * Writes watched windows as a standard HdrHistogram interval log (.hlog)
 * through hdr-histogram-js's HistogramLogWriter, so HistogramLogAnalyzer,
 * HistogramLogProcessor and every HdrHistogram port read it.
 *
 * Layout: the header (a comment naming the capture, format version,
 * `#[StartTime: ...]`, `#[BaseTime: ...]`, the legend), then per window one
 * untagged line for the merged view and one `Tag=<instance>` line per
 * instance. The merged view is untagged because HdrHistogram tools read the
 * untagged lines unless told a tag: the fleet is what they show first.
 * Timestamps are seconds since StartTime, the start of the first window.
 */
import { decodeHdr, type Histogram } from '@prodbench/sdk/metrics'
import { build, HistogramLogWriter } from 'hdr-histogram-js'
import type { WindowGroup } from './window-groups.js'

/** What the log says about the capture, in its first comment. */
export interface HlogHeader {
  service?: string
  metric?: string
  captureId?: string
  unit?: string
}

/** What could not be written (a window whose hdr bytes did not decode). */
export interface HlogSkip {
  endMs: number
  /** The instance, or undefined for the merged view. */
  instance?: string
  reason: string
}

/**
 * Interval_Max is written in milliseconds for time units (HdrHistogram's
 * convention, ns / 1e6), and as recorded for bytes and counts.
 */
export function maxValueUnitRatio(unit: string | undefined): number {
  switch (unit) {
    case 'ns':
      return 1e6
    case 'us':
      return 1e3
    case 's':
      return 1e-3
    default:
      return 1
  }
}

/** Turns window groups into .hlog text handed to `write`. Not a file: see hlog-file.ts. */
export class HlogWriter {
  readonly #log: HistogramLogWriter
  readonly #header: HlogHeader
  #baseMs: number | undefined
  #intervals = 0
  readonly #skipped: HlogSkip[] = []

  constructor(write: (text: string) => void, header: HlogHeader = {}) {
    this.#log = new HistogramLogWriter(write)
    this.#header = header
  }

  /** Interval lines written so far. */
  get intervals(): number {
    return this.#intervals
  }

  /** Histograms left out, with why. */
  get skipped(): readonly HlogSkip[] {
    return this.#skipped
  }

  /** Whether the header is out. */
  get started(): boolean {
    return this.#baseMs !== undefined
  }

  /** Writes the header with StartTime = BaseTime = `startMs`. Done once; later calls do nothing. */
  start(startMs: number, header: HlogHeader = {}): void {
    if (this.#baseMs !== undefined) return
    this.#baseMs = startMs
    const { service, metric, captureId, unit } = { ...this.#header, ...header }
    const about = [
      service && `service=${service}`,
      metric && `metric=${metric}`,
      captureId && `capture=${captureId}`,
      unit && `unit=${unit}`,
    ].filter(Boolean)
    this.#log.outputComment(`[Logged with prodbench ctl hist watch${about.length ? `: ${about.join(' ')}` : ''}]`)
    this.#log.outputComment('[merged view untagged, one Tag=<instance> line per instance]')
    this.#log.outputLogFormatVersion()
    this.#log.outputStartTime(startMs)
    // Explicit, so readers need not guess whether timestamps are relative.
    this.#log.outputComment(`[BaseTime: ${(startMs / 1_000).toFixed(3)} (seconds since epoch)]`)
    this.#log.outputLegend()
  }

  /** Writes one window: the merged line (untagged), then one tagged line per instance. */
  write(group: WindowGroup): void {
    const first = group.merged ?? group.instances[0]
    if (!first) return
    this.start(first.startMs ?? group.endMs, {
      service: first.service,
      metric: first.metric,
      captureId: first.captureId,
      unit: first.unit,
    })
    const windows = group.merged ? [group.merged, ...group.instances] : group.instances
    for (const window of windows) {
      const instance = window.instance || undefined
      const histogram = this.#histogramOf(window, group.endMs, instance)
      if (!histogram) continue
      // HistogramLogWriter prefixes "Tag=<tag>," unless the tag is empty/NO_TAG.
      histogram.tag = instance ?? ''
      const base = this.#baseMs ?? 0
      const start = ((window.startMs ?? group.endMs) - base) / 1_000
      const end = ((window.endMs ?? group.endMs) - base) / 1_000
      this.#log.outputIntervalHistogram(histogram, start, end, maxValueUnitRatio(window.unit))
      this.#intervals++
    }
  }

  #histogramOf(
    window: WindowGroup['instances'][number],
    endMs: number,
    instance: string | undefined,
  ): Histogram | undefined {
    const bytes = window.hdr
    if (!bytes || bytes.length === 0) {
      // An empty window may come without bytes: log it empty, so the timeline has no hole.
      if (!window.count) return build({ useWebAssembly: false, bitBucketSize: 64 })
      this.#skipped.push({ endMs, ...(instance ? { instance } : {}), reason: 'no hdr bytes' })
      return undefined
    }
    try {
      return decodeHdr(bytes)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      this.#skipped.push({ endMs, ...(instance ? { instance } : {}), reason })
      return undefined
    }
  }
}
