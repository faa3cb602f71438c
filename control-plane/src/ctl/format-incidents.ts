/**
 * Incidents as people read them in a terminal: the list, and one incident
 * in full (header, error and stack, context, the flight-recorder records
 * pretty-printed, and the histogram windows around it summarized like `ctl
 * hist show`). Pure: `now`, width and style come in through the View.
 */
import type { HistogramSnapshotMessage, HistogramWindowMessage, IncidentMessage } from '@prodbench/proto'
import { decodeHdr, summarize } from '@prodbench/sdk/metrics'
import type { View } from './context.js'
import { type Cell, clockTime, relativeTime, table } from './format.js'
import { figuresLine, percentileLine, SHOWN_QUANTILES, windowTime } from './format-hist.js'
import { formatRecordLine } from './format-logs.js'
import { formatCount } from './format-units.js'
import type { Style } from './style.js'

/** The status word, painted: OPEN red, ACKED yellow, CLOSED dim. */
export function statusCell(status: string | undefined, style: Style): Cell {
  const text = (status ?? '?').toUpperCase()
  const paint = status === 'open' ? style.red : status === 'acked' ? style.yellow : style.dim
  return { text, paint }
}

/** The list: one row per incident, the title last (cut to the width). */
export function incidentTable(incidents: readonly IncidentMessage[], view: View): string[] {
  const rows = incidents.map((i): Cell[] => [
    i.id ?? '?',
    statusCell(i.status, view.style),
    i.kind ?? '',
    formatCount(i.count ?? 0),
    relativeTime(i.lastAt ?? 0, view.now),
    instancesText(i.instances ?? []),
    i.title ?? '',
  ])
  return table(['ID', 'STATUS', 'KIND', 'COUNT', 'LAST', 'INSTANCES', 'TITLE'], rows, {
    right: [3],
    header: view.style.bold,
    ...(view.width ? { maxWidth: view.width } : {}),
  })
}

/** One incident in full: header, error, context, records, histograms. */
export function incidentLines(incident: IncidentMessage, view: View): string[] {
  const { style } = view
  const first = incident.first
  const status = statusCell(incident.status, style)
  const lines = [
    `${style.bold(incident.id ?? '?')}  ${typeof status === 'string' ? status : status.paint(status.text)}  ${incident.kind ?? ''}${first?.name ? ` ${first.name}` : ''}`,
    style.bold(incident.title ?? ''),
    `${formatCount(incident.count ?? 0)} occurrence${incident.count === 1 ? '' : 's'} on ${instancesText(incident.instances ?? [])}` +
      ` · first ${when(incident.firstAt, view.now)} · last ${when(incident.lastAt, view.now)}`,
  ]
  if (incident.ackedBy)
    lines.push(`acked by ${incident.ackedBy}${incident.ackedAt ? ` ${when(incident.ackedAt, view.now)}` : ''}`)
  if (incident.closedBy)
    lines.push(`closed by ${incident.closedBy}${incident.closedAt ? ` ${when(incident.closedAt, view.now)}` : ''}`)
  if (incident.link) lines.push(`${style.dim('link')} ${incident.link}`)
  lines.push(style.dim(`fingerprint ${incident.fingerprint ?? '?'} · alerts sent ${incident.alertsSent ?? 0}`))
  if (!first) {
    lines.push('', style.dim('no full report stored (only count updates reached the control plane)'))
    return lines
  }
  const error = first.error
  if (error?.type || error?.message || error?.stack) {
    lines.push('', style.bold('error'))
    const stack = error.stack?.trim()
    const head = [error.type, error.message].filter(Boolean).join(': ')
    // A stack starts with "Type: message": do not print that twice.
    if (head && !stack?.startsWith(head)) lines.push(`  ${style.red(head)}`)
    if (stack) lines.push(...stack.split('\n').map((line, index) => `  ${index === 0 ? style.red(line) : line}`))
  }
  const context = Object.entries(first.context ?? {}).sort(([a], [b]) => a.localeCompare(b))
  if (context.length > 0) {
    lines.push('', style.bold('context'))
    lines.push(
      ...table(['', ''], context, {})
        .slice(1)
        .map((line) => `  ${line}`),
    )
  }
  const records = first.records ?? []
  lines.push('', style.bold(`records (${formatCount(records.length)}, the request's own first)`))
  if (records.length === 0) lines.push(style.dim('  none: the flight recorder held nothing for it'))
  const instance = first.identity?.instance || undefined
  for (const record of records)
    lines.push(
      ...formatRecordLine(record, instance, style)
        .split('\n')
        .map((l) => `  ${l}`),
    )
  const histograms = first.histograms ?? []
  if (histograms.length > 0) {
    lines.push('', style.bold('histograms (the last closed window of each capture at that moment)'))
    for (const snapshot of histograms) lines.push(...snapshotLines(snapshot, view))
  }
  return lines
}

/** Three lines per histogram snapshot: metric and window, figures, percentiles. */
export function snapshotLines(snapshot: HistogramSnapshotMessage, view: View): string[] {
  const window = snapshotWindow(snapshot)
  const unit = window.unit ? ` (${window.unit})` : ''
  return [
    `  ${view.style.cyan(window.metric ?? '?')}${unit}  ${windowTime(window, view.now)}`,
    `    ${figuresLine(window)}`,
    `    ${percentileLine(window)}`,
  ]
}

/**
 * A HistogramSnapshot as the HistogramWindow the hist formatters take: exact
 * figures from the snapshot, percentiles from its HdrHistogram (left out
 * when the bytes do not decode).
 */
export function snapshotWindow(snapshot: HistogramSnapshotMessage): HistogramWindowMessage {
  const count = snapshot.count ?? 0
  let percentiles: HistogramWindowMessage['percentiles'] = []
  if (count > 0 && snapshot.hdr && snapshot.hdr.length > 0) {
    try {
      const summary = summarize(decodeHdr(snapshot.hdr), { quantiles: [...SHOWN_QUANTILES, 1], buckets: 1 })
      percentiles = summary.percentiles
    } catch {
      // A snapshot that does not decode still has its exact figures.
    }
  }
  return {
    service: snapshot.service ?? '',
    metric: snapshot.metric ?? '',
    instance: snapshot.instance ?? '',
    captureId: snapshot.captureId ?? '',
    startMs: snapshot.startMs ?? 0,
    endMs: snapshot.endMs ?? 0,
    unit: snapshot.unit ?? '',
    count,
    sum: snapshot.sum ?? 0,
    min: snapshot.min ?? 0,
    max: snapshot.max ?? 0,
    mean: count > 0 ? (snapshot.sum ?? 0) / count : 0,
    clamped: snapshot.clamped ?? 0,
    percentiles,
  }
}

/** "web1", "web1, web2", "web1, web2 +3". */
export function instancesText(instances: readonly string[]): string {
  if (instances.length === 0) return '-'
  if (instances.length <= 2) return instances.join(', ')
  return `${instances.slice(0, 2).join(', ')} +${instances.length - 2}`
}

function when(at: number | undefined, now: number): string {
  return at ? `${clockTime(at, now)} (${relativeTime(at, now)})` : '-'
}
