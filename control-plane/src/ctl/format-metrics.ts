/**
 * `ctl metrics` as text: the instruments of a service's live instances, one
 * row per instrument across instances (or one table per instance). Pure:
 * style and width come in through the {@link View}.
 */
import type { ListMetricsResponse, MetricInfoMessage } from '@prodbench/proto'
import type { View } from './context.js'
import { type Cell, table } from './format.js'
import { formatAmount, formatCount } from './format-units.js'

/** One instrument across the instances that have it. */
export interface MetricRow {
  name: string
  /** "histogram", "counter" or "gauge" (as the instances report it). */
  kind: string
  unit: string
  /** Counter: totals added up. Gauge: last values added up. Histogram: values recorded, added up. */
  value: number
  /** Gauge: the lowest and highest instance's last value. */
  min: number
  max: number
  /** Instances that have the instrument. */
  instances: number
  /** Label sets in use on the instance with the most. */
  series: number
  /** Label sets refused by the cardinality limit, added up over instances. */
  overflow: number
}

/**
 * The instruments of `response`, one per name and kind, sorted by name. The
 * same name with two kinds (a deploy changing an instrument) stays two rows.
 */
export function metricRows(response: ListMetricsResponse): MetricRow[] {
  const rows = new Map<string, MetricRow>()
  for (const instance of response.instances ?? []) {
    for (const metric of instance.metrics ?? []) {
      const key = `${metric.name ?? ''}\u0000${metric.kind ?? ''}`
      const value = metric.value ?? 0
      const row = rows.get(key)
      if (!row) {
        rows.set(key, {
          name: metric.name ?? '?',
          kind: metric.kind ?? '?',
          unit: metric.unit ?? '',
          value,
          min: value,
          max: value,
          instances: 1,
          series: metric.series ?? 0,
          overflow: metric.overflow ?? 0,
        })
        continue
      }
      row.value += value
      row.min = Math.min(row.min, value)
      row.max = Math.max(row.max, value)
      row.instances++
      row.series = Math.max(row.series, metric.series ?? 0)
      row.overflow += metric.overflow ?? 0
    }
  }
  return [...rows.values()].sort((a, b) => a.name.localeCompare(b.name) || a.kind.localeCompare(b.kind))
}

/** "1,234", "1.5MiB", "42 (10..20)" for a gauge whose instances differ, "12,345" values for a histogram. */
export function metricValueText(row: MetricRow): string {
  if (row.kind === 'histogram') return formatCount(row.value)
  const value = formatAmount(row.value, row.unit)
  if (row.kind !== 'gauge' || row.instances < 2 || row.min === row.max) return value
  return `${value} (${formatAmount(row.min, row.unit)}..${formatAmount(row.max, row.unit)})`
}

/**
 * The table of `rows` across `total` live instances. OVERFLOW is a column
 * only when some instrument refused label sets, and those cells are red.
 * The NAME column is cut to fit `view.width`.
 */
export function metricsTable(rows: readonly MetricRow[], total: number, view: View): string[] {
  const overflow = rows.some((row) => row.overflow > 0)
  const headers = ['NAME', 'KIND', 'UNIT', 'VALUE', 'INSTANCES', 'SERIES', ...(overflow ? ['OVERFLOW'] : [])]
  const cells = rows.map((row) => [
    row.kind,
    row.unit,
    metricValueText(row),
    `${row.instances}/${total}`,
    String(row.series),
    ...(overflow ? [row.overflow > 0 ? { text: formatCount(row.overflow), paint: view.style.red } : ''] : []),
  ])
  return namedTable(headers, rows, cells, [3, 4, 5, 6], view)
}

/** One table per instance (sorted by id): NAME, KIND, UNIT, VALUE, SERIES and OVERFLOW when any. */
export function perInstanceLines(response: ListMetricsResponse, view: View): string[] {
  const instances = [...(response.instances ?? [])].sort((a, b) => (a.instance ?? '').localeCompare(b.instance ?? ''))
  const lines: string[] = []
  for (const instance of instances) {
    const metrics = [...(instance.metrics ?? [])].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''))
    if (lines.length > 0) lines.push('')
    lines.push(view.style.bold(instance.instance ?? '?'))
    if (metrics.length === 0) {
      lines.push(view.style.dim('  no instruments'))
      continue
    }
    const overflow = metrics.some((metric) => (metric.overflow ?? 0) > 0)
    const headers = ['NAME', 'KIND', 'UNIT', 'VALUE', 'SERIES', ...(overflow ? ['OVERFLOW'] : [])]
    const cells = metrics.map((metric) => [
      metric.kind ?? '?',
      metric.unit ?? '',
      instanceValueText(metric),
      String(metric.series ?? 0),
      ...(overflow ? [overflowCell(metric.overflow ?? 0, view)] : []),
    ])
    const named = metrics.map((metric) => ({ name: metric.name ?? '?' }))
    lines.push(...namedTable(headers, named, cells, [3, 4, 5], view))
  }
  return lines
}

function instanceValueText(metric: MetricInfoMessage): string {
  const value = metric.value ?? 0
  return metric.kind === 'histogram' ? formatCount(value) : formatAmount(value, metric.unit)
}

function overflowCell(overflow: number, view: View): Cell {
  return overflow > 0 ? { text: formatCount(overflow), paint: view.style.red } : ''
}

/** A table whose first column is the name, cut with "…" so every line fits `view.width`. */
function namedTable(
  headers: readonly string[],
  named: readonly { name: string }[],
  rest: readonly (readonly Cell[])[],
  right: readonly number[],
  view: View,
): string[] {
  let names = named.map((row) => row.name)
  if (view.width !== undefined) {
    const widths = headers.slice(1).map((head, i) => {
      const texts = rest.map((row) => row[i])
      return Math.max(head.length, ...texts.map((cell) => (typeof cell === 'object' ? cell.text : (cell ?? '')).length))
    })
    const others = widths.reduce((sum, width) => sum + width + 2, 0)
    const room = Math.max(12, view.width - others)
    names = names.map((name) => (name.length <= room ? name : `${name.slice(0, room - 1)}…`))
  }
  const rows = rest.map((row, i) => [names[i] ?? '?', ...row])
  return table(headers, rows, { right, header: view.style.dim })
}
