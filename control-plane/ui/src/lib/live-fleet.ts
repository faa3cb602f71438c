import { useEffect, useState } from 'preact/hooks'
import { syncClock } from './clock.js'
import { openEventStream } from './event-stream.js'
import type { ErrorBody, InstanceSummary, ServiceSummary } from './types.js'

/** The fleet as the fleet stream keeps it. */
export interface FleetState {
  /** False until the first snapshot. */
  readonly loaded: boolean
  readonly services: ServiceSummary[]
  /** By `service/instance`. */
  readonly instances: ReadonlyMap<string, InstanceSummary>
  readonly connection: 'connecting' | 'open' | 'retrying' | 'failed'
  readonly error?: ErrorBody
}

interface Delta<V> {
  now: number
  upsert: V[]
  remove: Array<{ service: string; instance: string }>
}

/** Key of an instance in the maps. */
export function instanceKey(i: { service: string; instance: string }): string {
  return `${i.service}/${i.instance}`
}

/** Follows `/api/v1/events/fleet`: a snapshot, then instance and service changes as they happen. */
export function useLiveFleet(): FleetState {
  const [state, setState] = useState<FleetState>({
    loaded: false,
    services: [],
    instances: new Map(),
    connection: 'connecting',
  })
  useEffect(
    () =>
      openEventStream('/api/v1/events/fleet', {
        onEvent(event, data) {
          const d = data as { now: number }
          syncClock(d.now)
          if (event === 'snapshot') {
            const snap = data as { services: ServiceSummary[]; instances: InstanceSummary[] }
            const instances = new Map(snap.instances.map((i) => [instanceKey(i), i]))
            setState((s) => ({ ...s, loaded: true, services: snap.services, instances }))
          } else if (event === 'services') {
            setState((s) => ({ ...s, services: (data as { services: ServiceSummary[] }).services }))
          } else if (event === 'instances') {
            const delta = data as Delta<InstanceSummary>
            setState((s) => {
              const instances = new Map(s.instances)
              for (const r of delta.remove) instances.delete(instanceKey(r))
              for (const i of delta.upsert) instances.set(instanceKey(i), i)
              return { ...s, instances }
            })
          }
        },
        onState(connection, error) {
          if (connection === 'ended') return
          setState((s) => ({ ...s, connection, ...(error ? { error } : {}) }))
        },
      }),
    [],
  )
  return state
}
