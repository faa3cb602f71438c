import { useEffect, useState } from 'preact/hooks'
import { ErrorBox, Loading } from '../components/bits.js'
import { Cell } from '../components/cell.js'
import { Layout } from '../components/layout.js'
import { html } from '../html.js'
import { ApiError, getJson } from '../lib/api.js'
import { serverNow, syncClock } from '../lib/clock.js'
import { stamp } from '../lib/format.js'
import { href, replaceQuery } from '../lib/router.js'
import type { AuditRecord, ErrorBody } from '../lib/types.js'

/** How far back the page looks. */
const WINDOWS = [
  { label: 'last hour', ms: 60 * 60_000 },
  { label: 'last day', ms: 24 * 60 * 60_000 },
  { label: 'last 7 days', ms: 7 * 24 * 60 * 60_000 },
] as const

/**
 * The audit log: every change made through gRPC or HTTP (and every refused
 * one), newest first, with who (the token, and the author the client
 * claimed), what (the RPC or route), the service, why, and the result.
 */
export function AuditPage({ query }: { query: URLSearchParams }) {
  const [service, setService] = useState(query.get('service') ?? '')
  const [windowMs, setWindowMs] = useState(Number(query.get('window')) || WINDOWS[0].ms)
  const [records, setRecords] = useState<AuditRecord[] | undefined>()
  const [error, setError] = useState<ErrorBody | undefined>()
  const [reload, setReload] = useState(0)

  useEffect(() => {
    const aborter = new AbortController()
    setError(undefined)
    const q = new URLSearchParams({ since: String(Math.max(0, Math.round(serverNow() - windowMs))), limit: '500' })
    if (service.trim()) q.set('service', service.trim())
    getJson<{ now: number; records: AuditRecord[] }>(`/api/v1/audit?${q}`, aborter.signal).then(
      (answer) => {
        syncClock(answer.now)
        setRecords(answer.records)
      },
      (err: unknown) => {
        if ((err as Error).name === 'AbortError') return
        setError(err instanceof ApiError ? err.body : { code: 'PB_INTERNAL', message: String(err) })
      },
    )
    return () => aborter.abort()
  }, [service, windowMs, reload])

  const now = serverNow()
  const apply = (event: Event) => {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const nextService = String(data.get('service') ?? '')
    const nextWindow = Number(data.get('window'))
    setService(nextService)
    setWindowMs(nextWindow)
    replaceQuery({ service: nextService || undefined, window: String(nextWindow) })
    setReload((n) => n + 1)
  }
  return html`<${Layout} section="audit">
    <div class="page-head">
      <h1>Audit log</h1>
      <p class="muted summary">${records ? `${records.length} change${records.length === 1 ? '' : 's'}, newest first` : ''}</p>
    </div>
    <form class="toolbar" onSubmit=${apply} aria-label="Audit filters">
      <label class="inline"><span>Service</span><input name="service" value=${service} placeholder="every service" /></label>
      <label class="inline"><span>Since</span>
        <select name="window" value=${String(windowMs)}>
          ${WINDOWS.map((w) => html`<option key=${w.ms} value=${String(w.ms)}>${w.label}</option>`)}
        </select></label>
      <button type="submit">Show</button>
    </form>
    <${ErrorBox} error=${error} title="Could not read the audit log:" />
    ${
      !records
        ? error
          ? null
          : html`<${Loading} what="the audit log" />`
        : records.length === 0
          ? html`<p class="muted">No change in that time.</p>`
          : html`<div class="table-wrap">
        <table class="audit stack" data-testid="audit">
          <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th>
            <th scope="col">Service</th><th scope="col">Result</th><th scope="col">Why</th></tr></thead>
          <tbody>
            ${records.map(
              (r) => html`<tr key=${r.seq} data-result=${r.result}>
                <${Cell} label="When"><span class="nowrap">${stamp(r.at, now)}</span><//>
                <${Cell} label="Who">${r.who}${r.role ? html` <span class="muted small">(${r.role})</span>` : null}
                  ${r.authorHint && r.authorHint !== r.who ? html`<div class="muted small">says ${r.authorHint}</div>` : null}<//>
                <${Cell} label="What"><code>${r.method}</code>${r.request ? html`<details class="small"><summary>request</summary><pre>${r.request}</pre></details>` : null}<//>
                <${Cell} label="Service">${r.service ? html`<a href=${href(['services', r.service])}>${r.service}</a>` : html`<span class="muted">–</span>`}<//>
                <${Cell} label="Result">${
                  r.result === 'ok'
                    ? html`<span class="badge badge-ok">ok</span>`
                    : html`<span class="badge badge-refused">${r.result}</span>${r.message ? html`<div class="small muted">${r.message}</div>` : null}`
                }<//>
                <${Cell} label="Why" class="reason">${r.reason || html`<span class="muted">–</span>`}<//>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`
    }
  <//>`
}
