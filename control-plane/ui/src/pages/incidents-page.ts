import { useMemo, useState } from 'preact/hooks'
import { ErrorBox, Loading } from '../components/bits.js'
import { Cell } from '../components/cell.js'
import { Layout } from '../components/layout.js'
import { html } from '../html.js'
import { ApiError, apiPath, postJson } from '../lib/api.js'
import { useServerNow } from '../lib/clock.js'
import { count, plural, since, stamp } from '../lib/format.js'
import { useLiveIncidents } from '../lib/live-incidents.js'
import { href, replaceQuery } from '../lib/router.js'
import type { ErrorBody, IncidentSummary } from '../lib/types.js'
import { StatusBadge } from './incident-page.js'

const STATUSES = ['', 'open', 'acked', 'closed'] as const

/**
 * Every incident, newest activity first, live: status, title, service,
 * count, first and last seen, instances; filtered by status and service
 * (the filters are in the URL). A form opens one by hand.
 */
export function IncidentsPage({ query }: { query: URLSearchParams }) {
  const live = useLiveIncidents()
  const now = useServerNow(5_000)
  const [status, setStatus] = useState(query.get('status') ?? '')
  const [service, setService] = useState(query.get('service') ?? '')
  const all = useMemo(() => [...live.incidents.values()], [live.incidents])
  const services = useMemo(() => [...new Set(all.map((i) => i.service))].sort(), [all])
  const shown = useMemo(
    () =>
      all
        .filter((i) => (!status || i.status === status) && (!service || i.service === service))
        .sort((a, b) => b.lastAt - a.lastAt || a.id.localeCompare(b.id)),
    [all, status, service],
  )
  const open = all.filter((i) => i.status === 'open').length
  const choose = (next: { status?: string; service?: string }) => {
    const q = { status, service, ...next }
    setStatus(q.status)
    setService(q.service)
    replaceQuery({ status: q.status || undefined, service: q.service || undefined })
  }

  return html`<${Layout} section="incidents" connection=${live.connection}>
    <div class="page-head">
      <h1>Incidents</h1>
      <p class="muted summary" data-testid="incidents-summary">
        ${plural(all.length, 'incident')}${open > 0 ? html` · <span class="warn-text">${open} open</span>` : ''}
      </p>
    </div>
    <${ErrorBox} error=${live.connection === 'failed' ? live.error : undefined} title="The incident stream failed:" />
    <div class="toolbar">
      <label class="inline"><span>Status</span>
        <select value=${status} onChange=${(e: Event) => choose({ status: (e.target as HTMLSelectElement).value })}>
          ${STATUSES.map((s) => html`<option key=${s} value=${s}>${s || 'any'}</option>`)}
        </select></label>
      <label class="inline"><span>Service</span>
        <select value=${service} onChange=${(e: Event) => choose({ service: (e.target as HTMLSelectElement).value })}>
          <option value="">every service</option>
          ${[...new Set([...services, ...(service ? [service] : [])])].map((s) => html`<option key=${s} value=${s}>${s}</option>`)}
        </select></label>
    </div>
    ${
      !live.loaded
        ? html`<${Loading} what="the incidents" />`
        : shown.length === 0
          ? html`<p class="muted" data-testid="no-incidents">${all.length === 0 ? 'No incident: all quiet.' : 'No incident matches.'}</p>`
          : html`<div class="table-wrap">
        <table class="incidents stack" data-testid="incidents">
          <thead><tr>
            <th scope="col">Status</th><th scope="col">Incident</th><th scope="col">Service</th>
            <th scope="col">Count</th><th scope="col">First seen</th><th scope="col">Last seen</th>
            <th scope="col">Instances</th>
          </tr></thead>
          <tbody>${shown.map((i) => html`<${IncidentRow} key=${i.id} incident=${i} now=${now} />`)}</tbody>
        </table>
      </div>`
    }
    <${OpenIncident} services=${services} initial=${service} />
  <//>`
}

function IncidentRow({ incident: i, now }: { incident: IncidentSummary; now: number }) {
  return html`<tr data-incident=${i.id} data-status=${i.status}>
    <${Cell} label="Status"><${StatusBadge} status=${i.status} /><//>
    <${Cell} label="Incident" class="reason"><a href=${href(['incidents', i.id])}>${i.title || i.id}</a>
      <div class="muted small">${i.kind} · <code>${i.id}</code></div><//>
    <${Cell} label="Service"><a href=${href(['services', i.service])}>${i.service}</a><//>
    <${Cell} label="Count">${count(i.count)}<//>
    <${Cell} label="First seen"><span title=${new Date(i.firstAt).toLocaleString()}>${stamp(i.firstAt, now)}</span><//>
    <${Cell} label="Last seen">${since(now - i.lastAt)}<//>
    <${Cell} label="Instances">${
      i.instances.length === 0
        ? html`<span class="muted">–</span>`
        : `${i.instances.slice(0, 3).join(', ')}${i.instances.length > 3 ? ` +${i.instances.length - 3}` : ''}`
    }<//>
  </tr>`
}

/** Opens an incident by hand (OpenIncident), with an instance's flight recorder when one is named. */
function OpenIncident({ services, initial }: { services: string[]; initial: string }) {
  const [form, setForm] = useState({ service: initial, instance: '', title: '', reason: '' })
  const [error, setError] = useState<ErrorBody | undefined>()
  const [busy, setBusy] = useState(false)
  const set = (field: keyof typeof form) => (e: Event) =>
    setForm((f) => ({ ...f, [field]: (e.target as HTMLInputElement).value }))
  const submit = async (event: Event) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      const answer = await postJson<{ incident: IncidentSummary }>(
        apiPath('services', form.service.trim() || '-', 'incidents'),
        {
          title: form.title,
          ...(form.instance.trim() ? { instance: form.instance.trim() } : {}),
          ...(form.reason.trim() ? { reason: form.reason.trim() } : {}),
          author: localStorage.getItem('prodbench.author') ?? '',
        },
      )
      location.hash = href(['incidents', answer.incident.id])
    } catch (err) {
      setError(err instanceof ApiError ? err.body : { code: 'PB_INTERNAL', message: String(err) })
    } finally {
      setBusy(false)
    }
  }
  return html`<details class="open-incident">
    <summary>Open an incident by hand</summary>
    <form class="toolbar" onSubmit=${submit} aria-label="Open an incident">
      <label class="inline"><span>Service</span><input list="incident-services" required value=${form.service}
        onInput=${set('service')} /></label>
      <datalist id="incident-services">${services.map((s) => html`<option key=${s} value=${s} />`)}</datalist>
      <label class="inline"><span>Instance <span class="muted">(its flight recorder)</span></span>
        <input value=${form.instance} onInput=${set('instance')} placeholder="none" /></label>
      <label class="inline"><span>Title</span><input required value=${form.title} onInput=${set('title')}
        placeholder="what is wrong" maxlength="300" /></label>
      <label class="inline"><span>Reason</span><input value=${form.reason} onInput=${set('reason')} /></label>
      <button type="submit" class="primary" disabled=${busy}>Open incident</button>
      <${ErrorBox} error=${error} title="Not opened:" />
    </form>
  </details>`
}
