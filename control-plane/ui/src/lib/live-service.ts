import { useEffect, useState } from 'preact/hooks'
import { apiPath } from './api.js'
import { syncClock } from './clock.js'
import { openEventStream } from './event-stream.js'
import type { ErrorBody, InstanceDetail, Rule } from './types.js'

/** A service as its stream keeps it: rules at a revision, and each live instance with what it applied. */
export interface ServiceState {
  readonly loaded: boolean
  readonly revision: number
  readonly rules: Rule[]
  readonly instances: ReadonlyMap<string, InstanceDetail>
  readonly connection: 'connecting' | 'open' | 'retrying' | 'failed'
  readonly error?: ErrorBody
}

interface Delta {
  now: number
  upsert: InstanceDetail[]
  remove: Array<{ service: string; instance: string }>
}

/**
 * Follows `/api/v1/events/services/<service>`: the status, then each
 * instance's heartbeats and acks (a rollout shows instance by instance) and
 * each new revision of the rules.
 */
export function useLiveService(service: string): ServiceState {
  const [state, setState] = useState<ServiceState>(initial)
  useEffect(() => {
    setState(initial)
    return openEventStream(apiPath('events', 'services', service), {
      onEvent(event, data) {
        syncClock((data as { now?: number }).now)
        if (event === 'snapshot') {
          const snap = data as { revision: number; rules: Rule[]; instances: InstanceDetail[] }
          setState((s) => ({
            ...s,
            loaded: true,
            revision: snap.revision,
            rules: snap.rules,
            instances: new Map(snap.instances.map((i) => [i.instance, i])),
          }))
        } else if (event === 'rules') {
          const change = data as { revision: number; rules: Rule[] }
          setState((s) => (change.revision > s.revision ? { ...s, revision: change.revision, rules: change.rules } : s))
        } else if (event === 'instances') {
          const delta = data as Delta
          setState((s) => {
            const instances = new Map(s.instances)
            for (const r of delta.remove) instances.delete(r.instance)
            for (const i of delta.upsert) instances.set(i.instance, i)
            return { ...s, instances }
          })
        }
      },
      onState(connection, error) {
        if (connection === 'ended') return
        setState((s) => ({ ...s, connection, ...(error ? { error } : {}) }))
      },
    })
  }, [service])
  return state
}

const initial: ServiceState = { loaded: false, revision: 0, rules: [], instances: new Map(), connection: 'connecting' }
