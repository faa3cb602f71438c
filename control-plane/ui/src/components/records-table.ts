import { useMemo, useState } from 'preact/hooks'
import { html } from '../html.js'
import { clockMs } from '../lib/format.js'
import { attributesText, type LogRecord } from '../lib/log-record.js'

/** Rows drawn before "show all" (besides the request's own): the essentials first, the rest on request. */
const FIRST_ROWS = 40

/**
 * Log records as the tail shows them (time, level in its colour, instance,
 * logger, message and attributes), each one's JSON a click (or Enter) away.
 * A text filter narrows them; the order is kept (the incident's records
 * come the request's own first: `splitAt` is where the others begin).
 */
export function RecordsTable({
  records,
  label,
  splitAt,
}: {
  records: LogRecord[]
  label: string
  /** The `seq` of the first record that is not the request's own (a divider goes before it). */
  splitAt?: number | undefined
}) {
  const [filter, setFilter] = useState('')
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set())
  const [all, setAll] = useState(false)
  const shown = useMemo(() => {
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean)
    if (words.length === 0) return records
    return records.filter((r) => {
      const text = `${r.instance} ${r.level} ${r.logger} ${r.msg} ${attributesText(r)}`.toLowerCase()
      return words.every((w) => text.includes(w))
    })
  }, [records, filter])
  const toggle = (seq: number) =>
    setOpen((o) => {
      const next = new Set(o)
      if (next.has(seq)) next.delete(seq)
      else next.add(seq)
      return next
    })
  const rows = all ? shown : shown.slice(0, FIRST_ROWS + (splitAt ?? 0))
  const dividerAt = splitAt === undefined ? undefined : rows.find((r) => r.seq >= splitAt)?.seq
  return html`<div class="records-block">
    <div class="toolbar">
      <label class="inline"><span>Filter records</span>
        <input type="search" value=${filter} placeholder="text in any field"
          onInput=${(e: Event) => setFilter((e.target as HTMLInputElement).value)} /></label>
      <span class="muted small" role="status">${shown.length} of ${records.length} shown</span>
    </div>
    <div class="table-wrap">
      <table class="records" data-testid="records" aria-label=${label}>
        <thead><tr><th scope="col">Time</th><th scope="col">Level</th><th scope="col">Logger</th>
          <th scope="col">Message</th><th scope="col"><span class="visually-hidden">JSON</span></th></tr></thead>
        <tbody>
          ${rows.map((r) => {
            const expanded = open.has(r.seq)
            return html`${
              r.seq === dividerAt
                ? html`<tr key="divider" class="divider"><td colspan="5">The instance's other recent records</td></tr>`
                : null
            }<tr key=${r.seq} data-level=${r.level} class=${expanded ? 'expanded' : undefined}>
                <td class="nowrap">${r.time ? clockMs(r.time) : ''}</td>
                <td><span class=${`level level-${r.level}`}>${r.level}</span></td>
                <td><code>${r.logger || '(root)'}</code></td>
                <td class="msg">${r.msg}${Object.keys(r.rest).length ? html` <span class="muted small">${attributesText(r)}</span>` : null}</td>
                <td class="actions"><button type="button" class="small-button" aria-expanded=${expanded}
                  aria-controls=${`record-json-${r.seq}`} onClick=${() => toggle(r.seq)}
                  aria-label=${`${expanded ? 'Hide' : 'Show'} the JSON of record ${r.seq + 1}`}>{ }</button></td>
              </tr>${
                expanded
                  ? html`<tr key=${`${r.seq}-json`} class="record-json"><td colspan="5" id=${`record-json-${r.seq}`}>
                      <pre>${JSON.stringify(r.raw, null, 2)}</pre></td></tr>`
                  : null
              }`
          })}
        </tbody>
      </table>
    </div>
    ${
      !all && shown.length > FIRST_ROWS
        ? html`<p><button type="button" onClick=${() => setAll(true)}>Show all ${shown.length} records</button></p>`
        : null
    }
  </div>`
}
