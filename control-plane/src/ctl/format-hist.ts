/**
 * A histogram window as text: header (service, metric, unit, window time,
 * instances), count, rate, percentiles, a bar chart of the distribution on a
 * log-scaled value axis, and optionally one line per instance. Pure: `now`,
 * width and style come in through the {@link View}.
 */
import type { HistogramWindowMessage } from '@prodbench/proto'
import { formatDuration } from '@prodbench/sdk/core'
import type { View } from './context.js'
import { clockTime, table } from './format.js'
import { formatCount, formatRate, formatShare, formatValue, quantileLabel } from './format-units.js'
import type { Style } from './style.js'

/** Percentiles shown in the summary line, then max. */
export const SHOWN_QUANTILES: readonly number[] = [0.5, 0.9, 0.99, 0.999]

/** Width used when the output is not a terminal (piped output is not cut, but stays readable). */
export const DEFAULT_WIDTH = 80

/** Most rows of the bar chart: finer buckets are joined in runs so the view fits a terminal. */
export const MAX_CHART_ROWS = 24

/** A bar-chart row: values up to `le` (and above the previous row's). */
export interface ChartRow {
  le: number
  count: number
}

/** How to draw a window. */
export interface HistogramBlockOptions {
  /** One window per instance, printed as one line each after the chart. @default none */
  instances?: readonly HistogramWindowMessage[]
  /** Most chart rows. @default MAX_CHART_ROWS */
  maxRows?: number
}

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'] as const
const FULL = '█'

/** The lines of one window: header, figures, chart and, when given, the instances. */
export function histogramBlock(
  window: HistogramWindowMessage,
  view: View,
  options: HistogramBlockOptions = {},
): string[] {
  const width = view.width ?? DEFAULT_WIDTH
  const unit = window.unit ?? ''
  const count = window.count ?? 0
  const lines = [...headerLines(window, view), figuresLine(window), percentileLine(window)]
  if (count === 0) {
    lines.push('', view.style.dim('no values recorded in this window'))
  } else {
    const rows = chartRows(window.buckets ?? [], options.maxRows ?? MAX_CHART_ROWS)
    lines.push('', ...barChart(rows, unit, width, view.style))
  }
  if (options.instances) lines.push('', ...instanceLines(options.instances, unit, view))
  return lines
}

/** "checkout http.server.duration (us) capture r-1a2b" and the window time with instances n/m. */
export function headerLines(window: HistogramWindowMessage, view: View): string[] {
  const { style } = view
  const unit = window.unit ? ` (${window.unit})` : ''
  const capture = window.captureId ? style.dim(`  capture ${window.captureId}`) : ''
  const title = `${style.bold(`${window.service ?? '?'} ${window.metric ?? '?'}`)}${unit}${capture}`
  const present = window.instances ?? []
  const missing = window.missing ?? []
  const total = present.length + missing.length
  const ratio = `${present.length}/${total} instances`
  const instances = missing.length > 0 ? `${style.yellow(ratio)}, missing: ${missing.join(', ')}` : ratio
  return [title, `${windowTime(window, view.now)}  ${instances}`]
}

/** "04:55:01–04:55:02 (1s)", in local time. */
export function windowTime(window: HistogramWindowMessage, now: number): string {
  const start = window.startMs ?? 0
  const end = window.endMs ?? 0
  const startText = clockTime(start, now)
  const endText = clockTime(end, now)
  // Dates show only beyond a day from now; the end repeats one only when the day changed.
  const sameDay = startText.length > 8 && endText.startsWith(startText.slice(0, 11))
  return `${startText}–${sameDay ? endText.slice(11) : endText} (${formatDuration(Math.max(0, end - start))})`
}

/** "count 1,234  rate 1,234/s  mean 8.1ms  min 120us", plus clamped values when any. */
export function figuresLine(window: HistogramWindowMessage): string {
  const unit = window.unit ?? ''
  const count = window.count ?? 0
  const parts = [
    `count ${formatCount(count)}`,
    `rate ${formatRate(count, (window.endMs ?? 0) - (window.startMs ?? 0))}`,
  ]
  if (count > 0) {
    parts.push(`mean ${formatValue(window.mean ?? 0, unit)}`, `min ${formatValue(window.min ?? 0, unit)}`)
  }
  if (window.clamped) parts.push(`clamped ${formatCount(window.clamped)} (out of range)`)
  return parts.join('  ')
}

/** "p50 6.2ms  p90 14.1ms  p99 31ms  p99.9 52.4ms  max 61.2ms". */
export function percentileLine(window: HistogramWindowMessage): string {
  const unit = window.unit ?? ''
  const parts = SHOWN_QUANTILES.map((q) => {
    const value = percentile(window, q)
    return `${quantileLabel(q)} ${value === undefined ? '-' : formatValue(value, unit)}`
  })
  parts.push(`max ${(window.count ?? 0) > 0 ? formatValue(window.max ?? 0, unit) : '-'}`)
  return parts.join('  ')
}

/** The value at `quantile` as the server computed it; undefined when it did not send it. */
export function percentile(window: HistogramWindowMessage, quantile: number): number | undefined {
  const found = (window.percentiles ?? []).find((p) => Math.abs((p.quantile ?? 0) - quantile) < 1e-9)
  return found ? (found.value ?? 0) : undefined
}

/**
 * Chart rows from the window's buckets (each counts the values above the
 * previous `le`, up to its own): empty rows at either end dropped, and
 * neighbours joined in equal runs when there are more than `maxRows`. Joining
 * k log-spaced buckets keeps the axis log-scaled (the ratio becomes r^k).
 */
export function chartRows(buckets: readonly { le?: number; count?: number }[], maxRows: number): ChartRow[] {
  const rows = buckets.map((b) => ({ le: b.le ?? 0, count: b.count ?? 0 })).sort((a, b) => a.le - b.le)
  let first = rows.findIndex((row) => row.count > 0)
  if (first === -1) return []
  let last = rows.length - 1
  while (rows[last]?.count === 0) last--
  // Keep one empty row below the first value, so the chart shows where it starts.
  if (first > 0) first--
  const used = rows.slice(first, last + 1)
  const run = Math.ceil(used.length / Math.max(1, maxRows))
  if (run <= 1) return used
  const joined: ChartRow[] = []
  for (let i = 0; i < used.length; i += run) {
    const chunk = used.slice(i, i + run)
    joined.push({ le: (chunk[chunk.length - 1] as ChartRow).le, count: chunk.reduce((sum, row) => sum + row.count, 0) })
  }
  return joined
}

/**
 * One line per row, `width` columns at most: `  ≤ 12.5ms  ████▏   1,234   6.9%`.
 * Bars are proportional to the largest row, in eighths of a cell; any
 * non-empty row gets at least a sliver.
 */
export function barChart(rows: readonly ChartRow[], unit: string, width: number, style: Style): string[] {
  if (rows.length === 0) return []
  const total = rows.reduce((sum, row) => sum + row.count, 0)
  const largest = Math.max(...rows.map((row) => row.count))
  const labels = rows.map((row) => `≤ ${formatValue(row.le, unit)}`)
  const counts = rows.map((row) => formatCount(row.count))
  const shares = rows.map((row) => formatShare(row.count, total))
  const labelWidth = Math.max(...labels.map((label) => label.length))
  const countWidth = Math.max(...counts.map((text) => text.length))
  const shareWidth = Math.max(...shares.map((text) => text.length))
  // "  label  bar  count  share": the bar gets what is left, at least 10 cells.
  const barWidth = Math.max(10, width - (2 + labelWidth + 2 + 2 + countWidth + 2 + shareWidth))
  return rows.map((row, i) => {
    const bar = barOf(row.count, largest, barWidth)
    return [
      `  ${style.dim((labels[i] as string).padEnd(labelWidth))}`,
      style.cyan(bar) + ' '.repeat(barWidth - bar.length),
      (counts[i] as string).padStart(countWidth),
      style.dim((shares[i] as string).padStart(shareWidth)),
    ].join('  ')
  })
}

/** A bar of `count / largest * cells` cells, in eighths. */
export function barOf(count: number, largest: number, cells: number): string {
  if (count <= 0 || largest <= 0) return ''
  const eighths = Math.max(1, Math.round((count / largest) * cells * 8))
  return FULL.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8]
}

/** A table with one compact line per instance: count, rate, p50, p99, max. */
export function instanceLines(instances: readonly HistogramWindowMessage[], unit: string, view: View): string[] {
  const sorted = [...instances].sort((a, b) => (a.instance ?? '').localeCompare(b.instance ?? ''))
  const value = (window: HistogramWindowMessage, q: number) => {
    const v = percentile(window, q)
    return (window.count ?? 0) > 0 && v !== undefined ? formatValue(v, window.unit || unit) : '-'
  }
  const rows = sorted.map((window) => [
    window.instance ?? '?',
    formatCount(window.count ?? 0),
    formatRate(window.count ?? 0, (window.endMs ?? 0) - (window.startMs ?? 0)),
    value(window, 0.5),
    value(window, 0.99),
    (window.count ?? 0) > 0 ? formatValue(window.max ?? 0, window.unit || unit) : '-',
  ])
  // No maxWidth: it would cut the last column, a number.
  return table(['INSTANCE', 'COUNT', 'RATE', 'P50', 'P99', 'MAX'], rows, {
    right: [1, 2, 3, 4, 5],
    header: view.style.dim,
  })
}

/**
 * A window as JSON: the message's fields (camelCase, as in the .proto) with
 * `hdr` as base64 — proto3's JSON mapping of bytes — instead of Node's
 * `{"type":"Buffer","data":[...]}`.
 */
export function windowJson(window: HistogramWindowMessage): Record<string, unknown> {
  const { hdr, ...rest } = window
  return hdr && hdr.length > 0 ? { ...rest, hdr: Buffer.from(hdr).toString('base64') } : rest
}
