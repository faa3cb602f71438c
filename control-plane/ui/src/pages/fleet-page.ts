import { useMemo, useState } from 'preact/hooks'
import { ErrorBox, HealthBadge, Loading } from '../components/bits.js'
import { Cell } from '../components/cell.js'
import { Layout } from '../components/layout.js'
import { QuarantineAction } from '../components/quarantine-action.js'
import { html } from '../html.js'
import { useServerNow } from '../lib/clock.js'
import { ago, plural } from '../lib/format.js'
import { useLiveFleet } from '../lib/live-fleet.js'
import { href, replaceQuery } from '../lib/router.js'
import type { InstanceSummary, ServiceSummary } from '../lib/types.js'

/** Rows drawn at most; a search narrows a bigger fleet. */
const MAX_ROWS = 500

/** The fleet: every service, and every live instance with its version, uptime, revision and health. */
export function FleetPage({ query }: { query: URLSearchParams }) {
  const fleet = useLiveFleet()
  const [search, setSearch] = useState(query.get('q') ?? '')
  const now = useServerNow()

  const services = useMemo(
    () => mergeServices(fleet.services, fleet.instances.values()),
    [fleet.services, fleet.instances],
  )
  const revisionOf = useMemo(() => new Map(services.map((s) => [s.service, s.revision])), [services])
  const matching = useMemo(() => {
    const words = search.toLowerCase().split(/\s+/).filter(Boolean)
    const all = [...fleet.instances.values()].sort(
      (a, b) => a.service.localeCompare(b.service) || a.instance.localeCompare(b.instance),
    )
    if (words.length === 0) return all
    return all.filter((i) => {
      const text =
        `${i.service} ${i.instance} ${i.host} ${i.pid} ${i.sdkVersion} ${i.health} ${i.quarantined ? 'quarantined' : ''}`.toLowerCase()
      return words.every((w) => text.includes(w))
    })
  }, [fleet.instances, search])
  const late = [...fleet.instances.values()].filter((i) => i.health !== 'ok').length
  const quarantined = [...fleet.instances.values()].filter((i) => i.quarantined).length

  const onSearch = (event: Event) => {
    const value = (event.target as HTMLInputElement).value
    setSearch(value)
    replaceQuery({ q: value || undefined })
  }

  return html`<${Layout} connection=${fleet.connection}>
    <div class="page-head">
      <h1>Fleet</h1>
      <p class="muted summary" data-testid="fleet-summary">
        ${plural(services.length, 'service')} · ${plural(fleet.instances.size, 'live instance')}
        ${late > 0 ? html` · <span class="warn-text">${late} not ok</span>` : null}
        ${quarantined > 0 ? html` · <span class="warn-text">${quarantined} quarantined</span>` : null}
      </p>
    </div>
    <${ErrorBox} error=${fleet.connection === 'failed' ? fleet.error : undefined} title="The fleet stream failed:" />
    ${
      !fleet.loaded
        ? html`<${Loading} what="the fleet" />`
        : html`
      <section aria-labelledby="services-h">
        <h2 id="services-h">Services</h2>
        ${services.length === 0 ? html`<p class="muted">No service yet: start one with the SDK (see the README).</p>` : null}
        <ul class="cards">
          ${services.map(
            (s) => html`<li key=${s.service} class="card">
              <a class="card-title" href=${href(['services', s.service])}>${s.service}</a>
              <span>${plural(s.instances, 'instance')}</span>
              <span>${plural(s.rules, 'rule')}</span>
              <span class="muted">revision ${s.revision}</span>
              ${s.quarantined ? html`<span class="warn-text">${s.quarantined} quarantined</span>` : null}
            </li>`,
          )}
        </ul>
      </section>
      <section aria-labelledby="instances-h">
        <div class="section-head">
          <h2 id="instances-h">Instances</h2>
          <label class="search">
            <span class="visually-hidden">Search instances</span>
            <input type="search" placeholder="Search service, instance, host, version…" value=${search}
              onInput=${onSearch} aria-controls="instances-table" />
          </label>
        </div>
        <p class="muted" aria-live="polite">
          ${
            search
              ? `${plural(matching.length, 'instance')} match${matching.length === 1 ? 'es' : ''}`
              : plural(matching.length, 'instance')
          }${matching.length > MAX_ROWS ? ` — showing the first ${MAX_ROWS}, narrow the search` : ''}
        </p>
        <div class="table-wrap">
          <table id="instances-table" class="instances stack">
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Instance</th>
                <th scope="col">Host</th>
                <th scope="col">Version</th>
                <th scope="col">Uptime</th>
                <th scope="col">Revision</th>
                <th scope="col">Health</th>
                <th scope="col">Last seen</th>
              </tr>
            </thead>
            <tbody>
              ${matching.slice(0, MAX_ROWS).map(
                (i) => html`<${InstanceRow} key=${`${i.service}/${i.instance}`}
                instance=${i} now=${now} revision=${revisionOf.get(i.service) ?? 0} />`,
              )}
            </tbody>
          </table>
        </div>
      </section>`
    }
  <//>`
}

function InstanceRow({ instance: i, now, revision }: { instance: InstanceSummary; now: number; revision: number }) {
  const current = i.appliedRevision >= revision
  return html`<tr data-instance=${i.instance}>
    <${Cell} label="Service"><a href=${href(['services', i.service])}>${i.service}</a><//>
    <${Cell} label="Instance"><a href=${href(['services', i.service, 'instances', i.instance])}><code>${i.instance}</code></a><//>
    <${Cell} label="Host">${i.host}<span class="muted">:${i.pid}</span><//>
    <${Cell} label="Version">${i.sdkVersion}<//>
    <${Cell} label="Uptime">${ago(i.uptimeMs + Math.max(0, now - i.lastSeen))}<//>
    <${Cell} label="Revision">
      ${current ? html`<span class="ok-text" title="applied the current revision">r${i.appliedRevision} ✓</span>` : html`<span class="warn-text">r${i.appliedRevision}, r${revision} pending</span>`}
    <//>
    <${Cell} label="Health"><${HealthBadge} health=${i.health} quarantined=${i.quarantined} />${
      i.quarantined
        ? html` <${QuarantineAction} service=${i.service} instance=${i.instance} quarantined=${true} />`
        : null
    }<//>
    <${Cell} label="Last seen">${ago(now - i.lastSeen)}${now - i.lastSeen >= 1_000 ? ' ago' : ''}<//>
  </tr>`
}

/** The services list with live instance counts from the instances themselves (they change more often). */
function mergeServices(services: ServiceSummary[], instances: Iterable<InstanceSummary>): ServiceSummary[] {
  const counts = new Map<string, number>()
  const quarantined = new Map<string, number>()
  for (const i of instances) {
    counts.set(i.service, (counts.get(i.service) ?? 0) + 1)
    if (i.quarantined) quarantined.set(i.service, (quarantined.get(i.service) ?? 0) + 1)
  }
  const byName = new Map(
    services.map((s) => [
      s.service,
      { ...s, instances: counts.get(s.service) ?? 0, quarantined: quarantined.get(s.service) ?? 0 },
    ]),
  )
  for (const [service, n] of counts) {
    if (!byName.has(service)) {
      byName.set(service, { service, instances: n, rules: 0, revision: 0, quarantined: quarantined.get(service) ?? 0 })
    }
  }
  return [...byName.values()].sort((a, b) => a.service.localeCompare(b.service))
}
