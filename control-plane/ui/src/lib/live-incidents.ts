import { useEffect, useState } from 'preact/hooks'
import { syncClock } from './clock.js'
import { openEventStream } from './event-stream.js'
import type { ErrorBody, IncidentSummary } from './types.js'

/** Incidents kept by a page following the feed. */
export const KEEP_INCIDENTS = 500

/** Incidents as the feed keeps them: by id. */
export interface IncidentsState {
  readonly loaded: boolean
  readonly incidents: ReadonlyMap<string, IncidentSummary>
  readonly connection: 'connecting' | 'open' | 'retrying' | 'failed'
  readonly error?: ErrorBody
}

/**
 * Follows `/api/v1/events/incidents`: the newest incidents (of `service`
 * when given), then each incident as it is created, counts more occurrences,
 * or is acked or closed.
 */
export function useLiveIncidents(service?: string, limit = KEEP_INCIDENTS): IncidentsState {
  const [state, setState] = useState<IncidentsState>(initial)
  useEffect(() => {
    setState(initial)
    const query = new URLSearchParams({ limit: String(limit) })
    if (service) query.set('service', service)
    return openEventStream(`/api/v1/events/incidents?${query}`, {
      onEvent(event, data) {
        syncClock((data as { now?: number }).now)
        if (event === 'snapshot') {
          const list = (data as { incidents: IncidentSummary[] }).incidents
          setState((s) => ({ ...s, loaded: true, incidents: new Map(list.map((i) => [i.id, i])) }))
        } else if (event === 'incident') {
          const incident = (data as { incident: IncidentSummary }).incident
          setState((s) => {
            const incidents = new Map(s.incidents)
            incidents.set(incident.id, incident)
            return { ...s, incidents }
          })
        }
      },
      onState(connection, error) {
        if (connection === 'ended') return
        setState((s) => ({ ...s, connection, ...(error ? { error } : {}) }))
      },
    })
  }, [service, limit])
  return state
}

const initial: IncidentsState = { loaded: false, incidents: new Map(), connection: 'connecting' }
