import { parseGetHistogram, parseOptionalService, parseService } from '../grpc/requests.js'
import type { GatewayDeps } from './gateway-deps.js'
import { exportHlog } from './hlog-export.js'
import { histogramWindowView, instanceDetail, instanceSummary } from './json-views.js'
import { queryBool, queryInt, queryString } from './query-params.js'
import type { Route } from './router.js'

/**
 * Reading: ListServices, ListInstances, GetStatus, ListRules, ListMetrics and
 * GetHistogram over HTTP, plus the .hlog of a running capture. Every answer
 * carries `now` (the control plane's clock) so a page can count down expiries
 * without trusting the browser's clock.
 */
export function readRoutes(deps: GatewayDeps): Route[] {
  const { api, histograms, now } = deps
  return [
    {
      method: 'GET',
      path: '/api/v1/services',
      permission: 'read',
      handle: async () => ({ now: now(), services: await api.listServices() }),
    },
    {
      method: 'GET',
      path: '/api/v1/instances',
      permission: 'read',
      handle: ({ query }) => {
        const at = now()
        const service = parseOptionalService(queryString(query, 'service'))
        return { now: at, instances: api.listInstances(service).map((r) => instanceSummary(r, at)) }
      },
    },
    {
      method: 'GET',
      path: '/api/v1/services/:service',
      permission: 'read',
      handle: async ({ params }) => {
        const status = await api.getStatus(parseService(params.service))
        const at = now()
        return { now: at, ...status, instances: status.instances.map((r) => instanceDetail(r, at)) }
      },
    },
    {
      method: 'GET',
      path: '/api/v1/services/:service/rules',
      permission: 'read',
      handle: async ({ params }) => ({ now: now(), ...(await api.listRules(parseService(params.service))) }),
    },
    {
      method: 'GET',
      path: '/api/v1/services/:service/metrics',
      permission: 'read',
      handle: ({ params }) => {
        const service = parseService(params.service)
        return { now: now(), service, instances: api.listMetrics(service) }
      },
    },
    {
      method: 'GET',
      path: '/api/v1/services/:service/histograms/:metric',
      permission: 'read',
      handle: async ({ params, query }) => {
        const answer = await histograms.get(
          parseGetHistogram({
            service: params.service,
            metric: params.metric,
            captureId: queryString(query, 'capture'),
            windows: queryInt(query, 'windows') ?? 0,
            perInstance: queryBool(query, 'perInstance'),
          }),
        )
        const withHdr = queryBool(query, 'hdr')
        return {
          now: now(),
          merged: histogramWindowView(answer.merged, withHdr),
          instances: answer.instances.map((w) => histogramWindowView(w, withHdr)),
        }
      },
    },
    {
      method: 'GET',
      path: '/api/v1/services/:service/histograms/:metric/hlog',
      permission: 'read',
      handle: ({ params, query, response }) =>
        exportHlog(histograms, response, {
          service: params.service ?? '',
          metric: params.metric ?? '',
          captureId: queryString(query, 'capture'),
        }),
    },
  ]
}
