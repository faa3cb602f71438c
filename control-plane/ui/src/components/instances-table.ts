import { useEffect } from 'preact/hooks'
import { html } from '../html.js'
import { useServerNow } from '../lib/clock.js'
import { ago } from '../lib/format.js'
import { href } from '../lib/router.js'
import type { InstanceDetail } from '../lib/types.js'
import { HealthBadge } from './bits.js'
import { Cell } from './cell.js'
import { QuarantineAction } from './quarantine-action.js'

/** A service's live instances: revision applied against the current one, health, uptime, captures, log rate. */
export function InstancesTable({
  service,
  instances,
  revision,
  selected,
}: {
  service: string
  instances: InstanceDetail[]
  revision: number
  selected?: string | undefined
}) {
  const now = useServerNow()
  useEffect(() => {
    if (selected) document.getElementById(`instance-${selected}`)?.scrollIntoView({ block: 'center' })
  }, [selected])
  if (instances.length === 0) return html`<p class="muted">No live instance.</p>`
  return html`<div class="table-wrap">
    <table class="instances stack">
      <thead>
        <tr>
          <th scope="col">Instance</th>
          <th scope="col">Host</th>
          <th scope="col">Revision</th>
          <th scope="col">Health</th>
          <th scope="col">Uptime</th>
          <th scope="col">Captures</th>
          <th scope="col">Records/s</th>
          <th scope="col">Traffic</th>
        </tr>
      </thead>
      <tbody>
        ${instances.map(
          (
            i,
          ) => html`<tr key=${i.instance} id=${`instance-${i.instance}`} class=${i.instance === selected ? 'selected' : undefined}
            data-instance=${i.instance}>
            <${Cell} label="Instance"><a href=${href(['services', service, 'instances', i.instance])}><code>${i.instance}</code></a><//>
            <${Cell} label="Host">${i.host}<span class="muted">:${i.pid}</span><//>
            <${Cell} label="Revision">${
              i.appliedRevision >= revision
                ? html`<span class="ok-text">r${i.appliedRevision} ✓</span>`
                : html`<span class="warn-text">r${i.appliedRevision} (r${revision} pending)</span>`
            }<//>
            <${Cell} label="Health"><${HealthBadge} health=${i.health} quarantined=${i.quarantined} />${
              i.refusal && i.health === 'refused' ? html`<div class="small muted">${i.refusal.reason}</div>` : null
            }<//>
            <${Cell} label="Uptime">${ago(i.uptimeMs + Math.max(0, now - i.lastSeen))}<//>
            <${Cell} label="Captures">${i.captures.length === 0 ? html`<span class="muted">none</span>` : i.captures.map((c) => c.captureId).join(', ')}<//>
            <${Cell} label="Records/s">${i.logs?.recordsLastSec ?? html`<span class="muted">–</span>`}<//>
            <${Cell} label="Traffic">${
              i.quarantine
                ? html`<div class="small muted">${i.quarantine.reason || 'no reason'} (${i.quarantine.author})</div>`
                : null
            }<${QuarantineAction} service=${service} instance=${i.instance} quarantined=${i.quarantined === true} /><//>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`
}
