import { useEffect, useRef } from 'preact/hooks'
import uPlot from 'uplot'
import { html } from '../html.js'

/** Props of {@link Chart}. */
export interface ChartProps {
  /** Options for a given width; a new `shape` recreates the chart (series added or removed). */
  options: (width: number) => uPlot.Options
  data: uPlot.AlignedData
  /** Changes when the series change (not when data arrives). */
  shape: string
  /** Accessible name of the chart (the figures are also in a table next to it). */
  label: string
  testId?: string
}

/**
 * A uPlot chart that follows its container's width and takes new data
 * without being rebuilt; rebuilt only when its series change.
 */
export function Chart({ options, data, shape, label, testId }: ChartProps) {
  const box = useRef<HTMLDivElement>(null)
  const plot = useRef<uPlot | undefined>(undefined)
  const latest = useRef(data)
  latest.current = data

  useEffect(() => {
    const el = box.current
    if (!el) return
    const width = () => Math.max(240, el.clientWidth)
    const chart = new uPlot(options(width()), latest.current, el)
    showLatest(chart)
    plot.current = chart
    const resize = new ResizeObserver(() => chart.setSize({ width: width(), height: chart.height }))
    resize.observe(el)
    return () => {
      resize.disconnect()
      chart.destroy()
      plot.current = undefined
    }
  }, [shape])

  useEffect(() => {
    if (!plot.current) return
    plot.current.setData(data)
    showLatest(plot.current)
  }, [data])

  return html`<div class="chart" ref=${box} role="img" aria-label=${label} data-testid=${testId}
    data-points=${data[0]?.length ?? 0}></div>`
}

/** While the pointer is not on the chart, the legend shows the newest values (not dashes). */
function showLatest(chart: uPlot): void {
  const last = (chart.data[0]?.length ?? 0) - 1
  if (last >= 0 && (chart.cursor.left ?? -1) < 0) chart.setLegend({ idx: last })
}

/** Colors of the chart series, readable on light and dark backgrounds. */
export const SERIES_COLORS = ['#3b82f6', '#10b981', '#f59e0b', '#ef4444', '#a855f7', '#64748b', '#0ea5e9', '#d946ef']

/** The page's text and grid colors, from CSS variables (they follow dark mode). */
export function themeColors(): { text: string; grid: string } {
  const style = getComputedStyle(document.documentElement)
  return {
    text: style.getPropertyValue('--text-muted').trim() || '#666',
    grid: style.getPropertyValue('--grid').trim() || '#8883',
  }
}
