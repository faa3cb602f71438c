import type { HistogramWindowInput, ScalarWindowInput } from '@prodbench/proto'
import { parseOptionalService, parseService, parseWatchHistogram, parseWatchMetrics } from '../grpc/requests.js'
import type { GatewayDeps } from './gateway-deps.js'
import { histogramWindowView, instanceDetail, instanceSummary, scalarWindowView } from './json-views.js'
import { LiveView } from './live-view.js'
import { queryBool, queryInt, queryString } from './query-params.js'
import type { Route } from './router.js'
import { watchCallOverSse } from './watch-sse.js'

/** How long the fleet's service list waits for more rule changes before it is read again. */
const SERVICES_DEBOUNCE_MS = 250

/**
 * Server-Sent Events, for pages that stay live without polling:
 * - `/events/fleet`: `snapshot` {now, services, instances}, then `instances`
 *   {now, upsert, remove} as heartbeats and acks arrive, and `services` when
 *   rules change;
 * - `/events/services/:service`: `snapshot` (GetStatus), then `instances`
 *   (detailed: levels with provenance, captures) and `rules` {revision, rules};
 *   acks arriving one by one show a rollout instance by instance;
 * - `/events/services/:service/histograms/:metric`: WatchHistogram, a `window`
 *   event per closed window (merged, and per instance when asked), `end` when
 *   the capture ends;
 * - `/events/services/:service/metrics`: WatchMetrics, likewise.
 */
export function streamRoutes(deps: GatewayDeps): Route[] {
  const { api, histograms, scalars, instances, state, now, openStream } = deps
  return [
    {
      method: 'GET',
      path: '/api/v1/events/fleet',
      permission: 'read',
      handle: async ({ query, response }) => {
        const service = parseOptionalService(queryString(query, 'service'))
        const stream = openStream(response)
        const view = new LiveView(stream, async () => {
          const services = await api.listServices()
          const at = now()
          return { now: at, services, instances: api.listInstances(service).map((r) => instanceSummary(r, at)) }
        })
        let timer: NodeJS.Timeout | undefined
        const stopState = state.onChange((change) => {
          if ((service !== undefined && change.service !== service) || timer) return
          timer = setTimeout(() => {
            timer = undefined
            api.listServices().then(
              (services) => view.send('services', { now: now(), services }),
              () => {},
            )
          }, SERVICES_DEBOUNCE_MS)
        })
        stream.onClose(() => {
          stopState()
          clearTimeout(timer)
        })
        await view.start()
        // Subscribed in the tick the snapshot's instances were read: no change falls between.
        const stop = instances.subscribe({ service, detail: false, deliver: (delta) => view.send('instances', delta) })
        stream.onClose(stop)
        return undefined
      },
    },
    {
      method: 'GET',
      path: '/api/v1/events/services/:service',
      permission: 'read',
      handle: async ({ params, response }) => {
        const service = parseService(params.service)
        const stream = openStream(response)
        const view = new LiveView(stream, async () => {
          const status = await api.getStatus(service)
          const at = now()
          return { now: at, ...status, instances: status.instances.map((r) => instanceDetail(r, at)) }
        })
        const stopState = state.onChange((change) => {
          if (change.service === service) view.send('rules', { now: now(), ...change })
        })
        stream.onClose(stopState)
        await view.start()
        const stop = instances.subscribe({ service, detail: true, deliver: (delta) => view.send('instances', delta) })
        stream.onClose(stop)
        return undefined
      },
    },
    {
      method: 'GET',
      path: '/api/v1/events/services/:service/histograms/:metric',
      permission: 'read',
      handle: async ({ params, query, response }) => {
        const input = parseWatchHistogram({
          service: params.service,
          metric: params.metric,
          captureId: queryString(query, 'capture'),
          perInstance: queryBool(query, 'perInstance'),
          backlog: queryInt(query, 'backlog') ?? 0,
        })
        const stream = openStream(response)
        await histograms.watch(
          input,
          watchCallOverSse<HistogramWindowInput>(stream, (w) => histogramWindowView(w, false)),
        )
        stream.open()
        return undefined
      },
    },
    {
      method: 'GET',
      path: '/api/v1/events/services/:service/metrics',
      permission: 'read',
      handle: async ({ params, query, response }) => {
        const input = parseWatchMetrics({
          service: params.service,
          captureId: queryString(query, 'capture'),
          metric: queryString(query, 'metric'),
          backlog: queryInt(query, 'backlog') ?? 0,
        })
        const stream = openStream(response)
        await scalars.watch(input, watchCallOverSse<ScalarWindowInput>(stream, scalarWindowView))
        stream.open()
        return undefined
      },
    },
  ]
}
