/**
 * A window of a capture's counters and gauges as text, for `ctl watch`:
 * header (service, pattern, capture, window time, instances), then counters
 * as rates, one line per series, and gauges as values with their spread
 * across instances. Pure: `now`, width and style come in through the
 * {@link View}.
 */
import type { ScalarWindowMessage } from '@prodbench/proto'
import { formatDuration } from '@prodbench/sdk/core'
import type { View } from './context.js'
import { DEFAULT_WIDTH, windowTime } from './format-hist.js'
import { formatAmount, formatPerSecond } from './format-units.js'

/** A series of a window, as the stream carries it. */
export type ScalarSeriesMessage = NonNullable<ScalarWindowMessage['series']>[number]

/** How to draw a window. */
export interface ScalarBlockOptions {
  /** The metric pattern asked for, shown in the title. @default every counter and gauge */
  pattern?: string
}

/** Gauges list each instance's value only up to this many instances (and only when it fits). */
export const MAX_LISTED_INSTANCES = 4

/** Narrowest the name column is cut to, however narrow the terminal. */
const MIN_NAME_WIDTH = 16

/** The lines of one window: header, then counters and gauges. */
export function scalarBlock(window: ScalarWindowMessage, view: View, options: ScalarBlockOptions = {}): string[] {
  const width = view.width ?? DEFAULT_WIDTH
  const series = sortSeries(window.series ?? [])
  const windowMs = Math.max(0, (window.endMs ?? 0) - (window.startMs ?? 0))
  const lines = scalarHeader(window, view, options)
  if (series.length === 0) {
    const what = options.pattern ? `counter or gauge matching ${options.pattern}` : 'counter or gauge'
    return [...lines, '', view.style.dim(`no ${what} in this window`)]
  }
  const counters = series.filter((s) => s.kind === 'counter').map((s) => counterFigures(s, windowMs))
  const gauges = series.filter((s) => s.kind !== 'counter').map((s) => gaugeFigures(s))
  const rateWidth = longest(counters.map((c) => c.rate))
  const valueWidth = longest(gauges.map((g) => g.value))
  const rangeWidth = longest(gauges.map((g) => g.range))
  // The name column takes what the numbers leave, so a line never passes `width`.
  const counterRoom = width - (2 + 2 + rateWidth + 2 + longest(counters.map((c) => c.detail)))
  const gaugeRoom = width - (2 + 2 + valueWidth + (rangeWidth > 0 ? 2 + rangeWidth : 0))
  const names = [...counters, ...gauges].map((figures) => figures.name)
  const room = Math.min(counters.length > 0 ? counterRoom : width, gauges.length > 0 ? gaugeRoom : width)
  const nameWidth = Math.min(longest(names), Math.max(MIN_NAME_WIDTH, room))
  const name = (text: string) => cut(text, nameWidth).padEnd(nameWidth)
  if (counters.length > 0) {
    lines.push('', view.style.dim('counters'))
    for (const c of counters) {
      lines.push(`  ${name(c.name)}  ${view.style.cyan(c.rate.padStart(rateWidth))}  ${view.style.dim(c.detail)}`)
    }
  }
  if (gauges.length > 0) {
    lines.push('', view.style.dim('gauges'))
    for (const g of gauges) {
      const range = rangeWidth > 0 ? `  ${g.range.padEnd(rangeWidth)}` : ''
      const line = `  ${name(g.name)}  ${view.style.cyan(g.value.padStart(valueWidth))}${range}`
      const plainLength = 2 + nameWidth + 2 + valueWidth + range.length
      // Each instance's value after the figures when it fits, else on a line of its own (never wrapped).
      if (!g.each || plainLength + 2 + g.each.length <= width) {
        lines.push((g.each ? `${line}  ${view.style.dim(g.each)}` : line).trimEnd())
      } else {
        lines.push(line.trimEnd(), `    ${view.style.dim(cut(g.each, width - 4))}`)
      }
    }
  }
  return lines
}

/** "checkout orders.*  capture r-1a2b" and "04:55:01–04:55:02 (1s)  3/3 instances, missing: web-3". */
export function scalarHeader(window: ScalarWindowMessage, view: View, options: ScalarBlockOptions = {}): string[] {
  const { style } = view
  const capture = window.captureId ? style.dim(`  capture ${window.captureId}`) : ''
  const title = `${style.bold(`${window.service ?? '?'} ${options.pattern ?? 'counters and gauges'}`)}${capture}`
  const present = window.instances ?? []
  const missing = window.missing ?? []
  const ratio = `${present.length}/${present.length + missing.length} instances`
  const instances = missing.length > 0 ? `${style.yellow(ratio)}, missing: ${missing.join(', ')}` : ratio
  return [title, `${windowTime(window, view.now)}  ${instances}`]
}

/** A counter's line: name with labels, "12.0/s", "(+12 in 1s)". */
export function counterFigures(series: ScalarSeriesMessage, windowMs: number) {
  const unit = series.unit ?? ''
  const sum = series.sum ?? 0
  // proto3 leaves a zero rate out; recompute rather than show 0 for a window the server did not rate.
  const rate = series.rate ?? (windowMs > 0 ? (sum * 1_000) / windowMs : 0)
  return {
    name: seriesName(series),
    rate: formatPerSecond(rate, unit),
    detail: `(+${formatAmount(sum, unit)} in ${formatDuration(windowMs)})`,
  }
}

/** A gauge's line: name with labels, the sum of last values, "10..20" when it moved, "web-1=10 web-2=12". */
export function gaugeFigures(series: ScalarSeriesMessage) {
  const unit = series.unit ?? ''
  const min = series.min ?? 0
  const max = series.max ?? 0
  const instances = [...(series.instances ?? [])].sort((a, b) => (a.instance ?? '').localeCompare(b.instance ?? ''))
  const listed = instances.length >= 2 && instances.length <= MAX_LISTED_INSTANCES
  return {
    name: seriesName(series),
    value: formatAmount(series.sum ?? 0, unit),
    range: min === max ? '' : `${formatAmount(min, unit)}..${formatAmount(max, unit)}`,
    each: listed ? instances.map((i) => `${i.instance ?? '?'}=${formatAmount(i.value ?? 0, unit)}`).join(' ') : '',
  }
}

/** "orders.placed", or "orders.placed {route=/pay,status=201}" with labels sorted by name. */
export function seriesName(series: { metric?: string; labels?: Readonly<Record<string, string>> }): string {
  const labels = labelsText(series.labels)
  return labels ? `${series.metric ?? '?'} ${labels}` : (series.metric ?? '?')
}

/** "{route=/pay,status=201}", keys sorted; "" without labels. */
export function labelsText(labels: Readonly<Record<string, string>> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort()
  if (keys.length === 0) return ''
  return `{${keys.map((key) => `${key}=${labels?.[key] ?? ''}`).join(',')}}`
}

/** Series in reading order: by metric, then labels. */
export function sortSeries(series: readonly ScalarSeriesMessage[]): ScalarSeriesMessage[] {
  return [...series].sort(
    (a, b) =>
      (a.metric ?? '').localeCompare(b.metric ?? '') || labelsText(a.labels).localeCompare(labelsText(b.labels)),
  )
}

function longest(texts: readonly string[]): number {
  return texts.reduce((width, text) => Math.max(width, text.length), 0)
}

function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(width - 1, 0))}…`
}
