import type uPlot from 'uplot'
import uPlotLib from 'uplot'
import { html } from '../html.js'
import { measure } from '../lib/format.js'
import type { HistogramWindow } from '../lib/types.js'
import { Chart, SERIES_COLORS, themeColors } from './chart.js'

/** The percentile lines drawn, by quantile. */
export const LINES = [
  { q: 0.5, label: 'p50' },
  { q: 0.9, label: 'p90' },
  { q: 0.99, label: 'p99' },
  { q: 0.999, label: 'p99.9' },
  { q: 1, label: 'max' },
] as const

/** A window's value at quantile `q` (null when the window is empty: a log scale has no 0). */
export function quantile(w: HistogramWindow, q: number): number | null {
  if (!w.count) return null
  const p = w.percentiles.find((x) => Math.abs(x.quantile - q) < 1e-9)
  const value = q === 1 ? w.max : p?.value
  return value && value > 0 ? value : null
}

/** Time-axis steps, in seconds. */
const TIME_INCRS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600, 7_200]

function axes(unit: string): uPlot.Axis[] {
  const { text, grid } = themeColors()
  return [
    // Windows are whole seconds: no ticks in between.
    { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, incrs: TIME_INCRS, space: 60 },
    {
      stroke: text,
      grid: { stroke: grid, width: 1 },
      ticks: { stroke: grid },
      size: 70,
      values: (_u, splits) => splits.map((v) => (v == null ? '' : measure(v, unit))),
    },
  ]
}

/** p50, p90, p99, p99.9 and max of the merged windows over time, on a log scale. */
export function PercentileChart({ windows, unit }: { windows: HistogramWindow[]; unit: string }) {
  const data: uPlot.AlignedData = [
    windows.map((w) => w.endMs / 1_000),
    ...LINES.map((line) => windows.map((w) => quantile(w, line.q))),
  ]
  const options = (width: number): uPlot.Options => ({
    width,
    height: 280,
    scales: { x: { time: true }, y: { distr: 3 } },
    axes: axes(unit),
    legend: { live: true },
    series: [
      {},
      ...LINES.map((line, n) => ({
        label: line.label,
        stroke: SERIES_COLORS[n],
        width: line.q === 1 ? 1 : 2,
        dash: line.q === 1 ? [4, 4] : undefined,
        spanGaps: false,
        value: (_u: uPlot, v: number | null) => (v == null ? '–' : measure(v, unit)),
      })),
    ],
  })
  return html`<${Chart} options=${options} data=${data} shape=${`pct/${unit}`} testId="percentile-chart"
    label="Merged percentiles over time: p50, p90, p99, p99.9 and max" />`
}

/** p99 of each instance over time (one line per instance). */
export function InstanceChart({
  perInstance,
  unit,
}: {
  perInstance: ReadonlyMap<string, HistogramWindow[]>
  unit: string
}) {
  const names = [...perInstance.keys()].sort()
  const ends = [...new Set(names.flatMap((n) => (perInstance.get(n) ?? []).map((w) => w.endMs)))].sort((a, b) => a - b)
  const data: uPlot.AlignedData = [
    ends.map((e) => e / 1_000),
    ...names.map((n) => {
      const byEnd = new Map((perInstance.get(n) ?? []).map((w) => [w.endMs, w]))
      return ends.map((e) => {
        const w = byEnd.get(e)
        return w ? quantile(w, 0.99) : null
      })
    }),
  ]
  const options = (width: number): uPlot.Options => ({
    width,
    height: 220,
    scales: { x: { time: true }, y: { distr: 3 } },
    axes: axes(unit),
    series: [
      {},
      ...names.map((n, i) => ({
        label: `${n} p99`,
        stroke: SERIES_COLORS[i % SERIES_COLORS.length],
        width: 2,
        value: (_u: uPlot, v: number | null) => (v == null ? '–' : measure(v, unit)),
      })),
    ],
  })
  return html`<${Chart} options=${options} data=${data} shape=${`inst/${unit}/${names.join(',')}`} testId="instance-chart"
    label="p99 of each instance over time" />`
}

/** The latest window's distribution: counts per bucket on a log-scaled value axis. */
export function DistributionChart({ window, unit }: { window: HistogramWindow | undefined; unit: string }) {
  const buckets = (window?.buckets ?? []).filter((b) => b.le > 0)
  const data: uPlot.AlignedData = [buckets.map((b) => b.le), buckets.map((b) => b.count)]
  const { text, grid } = themeColors()
  const options = (width: number): uPlot.Options => ({
    width,
    height: 200,
    scales: {
      // Room on both sides so the first and last bars are whole.
      x: { time: false, distr: 3, range: (_u, min, max) => [(min || 1) / 1.3, (max || 1) * 1.3] },
      y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] },
    },
    axes: [
      {
        stroke: text,
        grid: { stroke: grid, width: 1 },
        ticks: { stroke: grid },
        values: (_u, splits) => splits.map((v) => (v == null ? '' : measure(v, unit))),
      },
      { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, size: 60 },
    ],
    legend: { show: false },
    series: [
      { value: (_u, v) => (v == null ? '' : `≤ ${measure(v, unit)}`) },
      {
        label: 'count',
        stroke: SERIES_COLORS[0],
        fill: `${SERIES_COLORS[0]}66`,
        paths: uPlotLib.paths.bars?.({ size: [0.9, 60], align: -1 }),
        points: { show: false },
      },
    ],
  })
  return html`<${Chart} options=${options} data=${data} shape=${`dist/${unit}`} testId="distribution-chart"
    label="Distribution of the latest window, values on a log scale" />`
}
