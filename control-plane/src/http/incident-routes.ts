import type { IncomingMessage } from 'node:http'
import type { IncidentMessage, OpenIncidentRequest, UpdateIncidentRequest } from '@prodbench/proto'
import { InvalidArgumentError, UnavailableError } from '../errors.js'
import {
  parseGetIncident,
  parseListIncidents,
  parseOpenIncident,
  parseUpdateIncident,
} from '../grpc/incident-requests.js'
import { parseOptionalService, parseService } from '../grpc/requests.js'
import { type IncidentApi, parseIncidentId } from '../incidents/index.js'
import type { Principal } from './auth.js'
import type { GatewayDeps } from './gateway-deps.js'
import { incidentDetailView, incidentSummaryView } from './incident-views.js'
import { readJsonObject } from './json-body.js'
import { LiveView } from './live-view.js'
import { queryInt, queryString } from './query-params.js'
import type { Route } from './router.js'
import { authorOf } from './rule-routes.js'
import { maySee } from './scope.js'

/**
 * Incidents over HTTP: ListIncidents, GetIncident, UpdateIncident (ack,
 * close) and OpenIncident with the gRPC server's parsers, and a live feed of
 * incident changes. An incident's page shows its flight-recorder records, so
 * reading one needs `tail` (log content: audited, and redacted for viewers,
 * like a dump); lists need `read` and keep the services the caller may see.
 */
export function incidentRoutes(deps: GatewayDeps): Route[] {
  const { now, openStream } = deps
  const need = (): IncidentApi => {
    if (!deps.incidents) throw new UnavailableError('this control plane does not serve incidents')
    return deps.incidents
  }
  const update = (action: 'ack' | 'close') => async (request: IncomingMessage, params: Params, who: Principal) => {
    const service = parseService(params.service)
    const body = await readJsonObject(request)
    const input = parseUpdateIncident({ id: params.id, action, reason: body.reason } as UpdateIncidentRequest)
    ownedBy(input.id, service)
    const incident = await need().update(input, authorOf(request, body, who))
    return { now: now(), incident: incidentSummaryView(incident) }
  }
  return [
    {
      method: 'GET',
      path: '/api/v1/incidents',
      permission: 'read',
      handle: ({ query, principal }) => {
        const input = parseListIncidents({
          service: queryString(query, 'service') ?? '',
          status: queryString(query, 'status') ?? '',
          limit: queryInt(query, 'limit') ?? 0,
        })
        const incidents = need()
          .list(input)
          .filter((i) => maySee(principal, i.service ?? ''))
        return { now: now(), incidents: incidents.map(incidentSummaryView) }
      },
    },
    {
      method: 'GET',
      path: '/api/v1/events/incidents',
      permission: 'read',
      handle: async ({ query, response, principal }) => {
        const service = parseOptionalService(queryString(query, 'service'))
        const input = parseListIncidents({ service: service ?? '', status: '', limit: queryInt(query, 'limit') ?? 0 })
        const api = need()
        const feed = deps.incidentFeed
        const wanted = (i: IncidentMessage) =>
          (service === undefined || i.service === service) && maySee(principal, i.service ?? '')
        const stream = openStream(response)
        const view = new LiveView(stream, async () => ({
          now: now(),
          incidents: api.list(input).filter(wanted).map(incidentSummaryView),
        }))
        // Listening before the snapshot is read: a change in between is sent after it, never lost.
        const early: IncidentMessage[] = []
        let started = false
        const stop = feed?.subscribe((incident) => {
          if (!wanted(incident)) return
          if (started) view.send('incident', { now: now(), incident: incidentSummaryView(incident) })
          else early.push(incident)
        })
        if (stop) stream.onClose(stop)
        await view.start()
        started = true
        for (const incident of early) view.send('incident', { now: now(), incident: incidentSummaryView(incident) })
        return undefined
      },
    },
    {
      method: 'GET',
      path: '/api/v1/services/:service/incidents/:id',
      permission: 'tail',
      handle: async ({ params }) => {
        const service = parseService(params.service)
        const id = parseGetIncident({ id: params.id ?? '' })
        ownedBy(id, service)
        return { now: now(), incident: incidentDetailView(await need().get(id)) }
      },
    },
    {
      method: 'POST',
      path: '/api/v1/services/:service/incidents/:id/ack',
      permission: 'incidents',
      handle: ({ request, params, principal }) => update('ack')(request, params, principal),
    },
    {
      method: 'POST',
      path: '/api/v1/services/:service/incidents/:id/close',
      permission: 'incidents',
      handle: ({ request, params, principal }) => update('close')(request, params, principal),
    },
    {
      method: 'POST',
      path: '/api/v1/services/:service/incidents',
      permission: 'incidents',
      handle: async ({ request, params, principal }) => {
        const body = await readJsonObject(request)
        const input = parseOpenIncident({
          service: params.service ?? '',
          instance: body.instance,
          title: body.title,
          reason: body.reason,
        } as OpenIncidentRequest)
        const incident = await need().open(input, authorOf(request, body, principal))
        return { now: now(), incident: incidentSummaryView(incident) }
      },
    },
  ]
}

type Params = Readonly<Record<string, string>>

/** An id of another service than the path's is refused: the permission was checked on the path's service. */
function ownedBy(id: string, service: string): void {
  const owner = parseIncidentId(id)?.service
  if (owner !== service) {
    throw new InvalidArgumentError('id', `is an incident of ${owner}, not of ${service} (see its link)`)
  }
}
