/**
 * What `ctl status` and `ctl ls` say about quarantined instances: the
 * instance cell marked QUARANTINED, and one line each with who, since when,
 * why and how to end it. Pure.
 */
import type { InstanceInfoMessage } from '@prodbench/proto'
import type { View } from './context.js'
import type { Cell } from './format.js'
import { relativeTime } from './format.js'

/** The INSTANCE cell of a status row: the id, marked when the instance is quarantined. */
export function instanceCell(instance: InstanceInfoMessage, view: View): Cell {
  const id = instance.identity?.instance ?? '?'
  return instance.quarantine?.active ? { text: `${id} QUARANTINED`, paint: view.style.red } : id
}

/** "! web3 quarantined 5m ago by ann@laptop: leaking sockets (release: ctl release svc=checkout inst=web3)". */
export function quarantineLines(service: string, instances: readonly InstanceInfoMessage[], view: View): string[] {
  return instances
    .filter((instance) => instance.quarantine?.active)
    .map((instance) => {
      const q = instance.quarantine ?? {}
      const id = instance.identity?.instance ?? '?'
      const since = q.since ? ` ${relativeTime(q.since, view.now)}` : ''
      const by = q.author ? ` by ${q.author}` : ''
      const reason = q.reason ? `: ${q.reason}` : ''
      const rule = q.ruleId ? ` (rule ${q.ruleId})` : ''
      return `${view.style.red('!')} ${id} quarantined${since}${by}${rule}${reason}; out of traffic, kept alive. End it: ctl release svc=${service} inst=${id}`
    })
}

/** The INSTANCES cell of `ctl ls`: "4", or "4 (1 quarantined)". */
export function instancesCountText(instances: number, quarantined: number | undefined): string {
  return quarantined ? `${instances} (${quarantined} quarantined)` : String(instances)
}
