import { html } from '../html.js'
import { clock, count, measure } from '../lib/format.js'
import { href } from '../lib/router.js'
import type { IncidentWindow } from '../lib/types.js'
import { Cell } from './cell.js'

/** The columns: p50, p90, p99, p99.9 and max. */
const COLUMNS = [
  { q: 0.5, label: 'p50' },
  { q: 0.9, label: 'p90' },
  { q: 0.99, label: 'p99' },
  { q: 0.999, label: 'p99.9' },
  { q: 1, label: 'max' },
] as const

/**
 * The histogram windows an incident carries (the last closed window of each
 * capture at that moment): percentiles per metric, computed by the control
 * plane from the windows' HdrHistograms, and the distribution as small bars.
 */
export function IncidentWindows({ service, windows }: { service: string; windows: IncidentWindow[] }) {
  if (windows.length === 0) {
    return html`<p class="muted">No capture was running on the instance: start one on the
      <a href=${href(['services', service, 'histograms'])}>histograms page</a> to have the next incident carry its windows.</p>`
  }
  return html`<div class="table-wrap">
    <table class="windows stack" data-testid="incident-windows">
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col">Window</th>
          <th scope="col">Count</th>
          ${COLUMNS.map((c) => html`<th key=${c.label} scope="col">${c.label}</th>`)}
          <th scope="col">Distribution</th>
        </tr>
      </thead>
      <tbody>
        ${windows.map(
          (w) => html`<tr key=${`${w.metric}/${w.captureId}`} data-metric=${w.metric}>
            <${Cell} label="Metric"><a href=${href(['services', service, 'histograms'], { metric: w.metric })}><code>${w.metric}</code></a><//>
            <${Cell} label="Window"><span class="nowrap">${clock(w.startMs)}–${clock(w.endMs)}</span><//>
            <${Cell} label="Count">${count(w.count)}<//>
            ${COLUMNS.map((c) => html`<${Cell} key=${c.label} label=${c.label}>${valueAt(w, c.q)}<//>`)}
            <${Cell} label="Distribution"><${Bars} window=${w} /><//>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`
}

function valueAt(w: IncidentWindow, q: number): string {
  if (w.count === 0) return '–'
  if (q === 1) return measure(w.max, w.unit)
  const p = w.percentiles.find((x) => Math.abs(x.quantile - q) < 1e-9)
  return p ? measure(p.value, w.unit) : '–'
}

/** Counts per log-scaled bucket as bars (text alternative: the percentiles beside it). */
function Bars({ window: w }: { window: IncidentWindow }) {
  const top = Math.max(1, ...w.buckets.map((b) => b.count))
  if (w.buckets.length === 0) return html`<span class="muted">–</span>`
  return html`<span class="bars" role="img"
    aria-label=${`distribution from ${measure(w.min, w.unit)} to ${measure(w.max, w.unit)}`}>
    ${w.buckets.map(
      (b) => html`<span key=${b.le} class="bar" style=${`height:${Math.max(4, Math.round((b.count / top) * 100))}%`}
        title=${`≤ ${measure(b.le, w.unit)}: ${count(b.count)}`}></span>`,
    )}
  </span>`
}
