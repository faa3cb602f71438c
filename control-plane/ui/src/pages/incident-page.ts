import { useEffect, useMemo, useState } from 'preact/hooks'
import { ErrorBox, Loading } from '../components/bits.js'
import { IncidentActions } from '../components/incident-actions.js'
import { IncidentWindows } from '../components/incident-windows.js'
import { Layout } from '../components/layout.js'
import { RecordsTable } from '../components/records-table.js'
import { html } from '../html.js'
import { ApiError, apiPath, getJson } from '../lib/api.js'
import { syncClock, useServerNow } from '../lib/clock.js'
import { count, since, stamp } from '../lib/format.js'
import { serviceOfIncident } from '../lib/incident-id.js'
import { useLiveIncidents } from '../lib/live-incidents.js'
import { type LogRecord, parseRecord } from '../lib/log-record.js'
import { href } from '../lib/router.js'
import type { ErrorBody, IncidentDetail, IncidentSummary } from '../lib/types.js'

/**
 * One incident: where alert links land (`#/incidents/<id>`). One request
 * brings it; the essentials come first (title, status, count, service and
 * instances, first and last seen, ack and close), then the error and its
 * stack, the request context, the flight-recorder records (the request's own
 * first) and the histogram windows around it. Counts and status stay live.
 */
export function IncidentPage({ id }: { id: string }) {
  const service = serviceOfIncident(id)
  const [detail, setDetail] = useState<IncidentDetail | undefined>()
  const [error, setError] = useState<ErrorBody | undefined>()
  const live = useLiveIncidents(service, 1)
  const now = useServerNow(5_000)

  useEffect(() => {
    if (!service) return
    const aborter = new AbortController()
    setDetail(undefined)
    setError(undefined)
    getJson<{ now: number; incident: IncidentDetail }>(
      apiPath('services', service, 'incidents', id),
      aborter.signal,
    ).then(
      (answer) => {
        syncClock(answer.now)
        setDetail(answer.incident)
      },
      (err: unknown) => {
        if ((err as Error).name === 'AbortError') return
        setError(err instanceof ApiError ? err.body : { code: 'PB_INTERNAL', message: String(err) })
      },
    )
    return () => aborter.abort()
  }, [id])

  // The live summary (count, status, instances) over the one loaded with the page.
  const update = live.incidents.get(id)
  const incident = detail && update && update.lastAt >= detail.lastAt ? { ...detail, ...update } : detail
  const records = useMemo(
    () =>
      (detail?.first?.records ?? []).flatMap(
        (line, seq) => parseRecord(line, detail?.first?.instance ?? '', seq) ?? [],
      ),
    [detail],
  )
  const splitAt = useMemo(
    () => requestRecordsEnd(records, detail?.first?.context ?? {}, detail?.first?.ownRecords),
    [records, detail],
  )
  const onChanged = (changed: IncidentSummary) => setDetail((d) => (d ? { ...d, ...changed } : d))

  const crumb = { label: id, href: href(['incidents', id]) }
  if (!service) {
    return html`<${Layout} section="incidents" crumb=${crumb}>
      <div class="page-head"><h1>Incident <code>${id}</code></h1></div>
      <p class="error" role="alert">This is not an incident id (they look like checkout-4131b32179a7-1).</p>
      <p><a href=${href(['incidents'])}>All incidents</a></p>
    <//>`
  }
  if (!incident) {
    return html`<${Layout} section="incidents" crumb=${crumb}>
      <div class="page-head"><h1>Incident <code>${id}</code></h1></div>
      ${error ? html`<${ErrorBox} error=${error} title="Could not load it:" />` : html`<${Loading} what="the incident" />`}
      <p><a href=${href(['incidents'])}>All incidents</a> · <a href=${href(['services', service])}>${service}</a></p>
    <//>`
  }
  const first = incident.first
  return html`<${Layout} section="incidents" crumb=${crumb} connection=${live.connection}>
    <article class="incident" aria-labelledby="incident-title">
      <header class="incident-head">
        <h1 id="incident-title" data-testid="incident-title">${incident.title || '(no title)'}</h1>
        <p class="incident-facts" data-testid="incident-facts">
          <${StatusBadge} status=${incident.status} />
          <span data-testid="incident-count"><strong>${count(incident.count)}</strong> occurrence${incident.count === 1 ? '' : 's'}</span>
          <span>in <a href=${href(['services', incident.service])}>${incident.service}</a> on ${
            incident.instances.length === 0
              ? html`<span class="muted">no instance</span>`
              : incident.instances
                  .slice(0, 8)
                  .map(
                    (i, n) =>
                      html`${n > 0 ? ', ' : ''}<a key=${i} href=${href(['services', incident.service, 'instances', i])}><code>${i}</code></a>`,
                  )
          }${incident.instances.length > 8 ? ` and ${incident.instances.length - 8} more` : ''}</span>
        </p>
        <dl class="facts">
          <div><dt>First seen</dt><dd><time dateTime=${new Date(incident.firstAt).toISOString()}>${stamp(incident.firstAt, now)}</time>
            <span class="muted"> (${since(now - incident.firstAt)})</span></dd></div>
          <div><dt>Last seen</dt><dd><time dateTime=${new Date(incident.lastAt).toISOString()}>${stamp(incident.lastAt, now)}</time>
            <span class="muted"> (${since(now - incident.lastAt)})</span></dd></div>
          <div><dt>Kind</dt><dd>${incident.kind}${first?.name ? html` <code>${first.name}</code>` : null}</dd></div>
          ${incident.ackedBy ? html`<div><dt>Acked by</dt><dd>${incident.ackedBy}${incident.ackedAt ? ` at ${stamp(incident.ackedAt, now)}` : ''}</dd></div>` : null}
          ${incident.closedBy ? html`<div><dt>Closed by</dt><dd>${incident.closedBy}${incident.closedAt ? ` at ${stamp(incident.closedAt, now)}` : ''}</dd></div>` : null}
          <div><dt>Id</dt><dd><code>${incident.id}</code></dd></div>
        </dl>
        <${IncidentActions} incident=${incident} onChanged=${onChanged} />
      </header>
      ${
        !first
          ? html`<p class="notice" role="status">No full report reached the control plane (only counts): no error, records or windows to show.</p>`
          : html`
        <section aria-labelledby="error-h">
          <h2 id="error-h">Error</h2>
          <${ErrorText} error=${first.error} />
        </section>
        <section aria-labelledby="context-h">
          <h2 id="context-h">Request context</h2>
          <${ContextTable} context=${first.context} />
        </section>
        <section aria-labelledby="records-h">
          <h2 id="records-h">Flight recorder <span class="muted small">(${records.length} records from <code>${first.instance || 'no instance'}</code>, the request's own first, every level)</span></h2>
          ${records.length === 0 ? html`<p class="muted">The flight recorder held nothing for it.</p>` : html`<${RecordsTable} records=${records} splitAt=${splitAt} label="Flight-recorder records" />`}
        </section>
        <section aria-labelledby="windows-h">
          <h2 id="windows-h">Latency around it <span class="muted small">(the last closed window of each capture)</span></h2>
          <${IncidentWindows} service=${incident.service} windows=${first.histograms} />
        </section>`
      }
    </article>
  <//>`
}

/** open / acked / closed as a labelled badge. */
export function StatusBadge({ status }: { status: string }) {
  return html`<span class=${`badge badge-status-${status}`} data-testid="incident-status">${status}</span>`
}

function ErrorText({ error }: { error: { type: string; message: string; stack: string } }) {
  const head = [error.type, error.message].filter(Boolean).join(': ')
  const stack = error.stack.trim()
  // A stack starts with "Type: message": do not show that twice.
  return html`${head && !stack.startsWith(head) ? html`<p class="error-head">${head}</p>` : null}
    ${stack ? html`<pre class="stack" data-testid="incident-stack">${stack}</pre>` : head ? null : html`<p class="muted">No error object.</p>`}`
}

function ContextTable({ context }: { context: Record<string, string> }) {
  const entries = Object.entries(context).sort(([a], [b]) => a.localeCompare(b))
  if (entries.length === 0) return html`<p class="muted">None: it did not happen inside a request.</p>`
  return html`<table class="figures" data-testid="incident-context">
    <tbody>
      ${entries.map(([k, v]) => html`<tr key=${k}><th scope="row"><code>${k}</code></th><td><code>${v}</code></td></tr>`)}
    </tbody>
  </table>`
}

/**
 * Where the request's own records end: the report says how many there are
 * (`ownRecords`); from an SDK that does not, the first step back in time is
 * the seam (own records first, then the instance's, each part oldest first).
 * Undefined outside a request (no context) or when no seam shows.
 */
function requestRecordsEnd(
  records: LogRecord[],
  context: Record<string, string>,
  own: number | undefined,
): number | undefined {
  if (Object.keys(context).length === 0) return undefined
  if (own !== undefined) return own > 0 && own < records.length ? records[own]?.seq : undefined
  for (let i = 1; i < records.length; i++) {
    const before = records[i - 1]?.time
    const at = records[i]?.time
    if (before !== undefined && at !== undefined && at < before) return records[i]?.seq
  }
  return undefined
}
