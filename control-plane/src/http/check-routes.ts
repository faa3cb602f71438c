import type { RunCheckRequest } from '@prodbench/proto'
import type { CheckRunner } from '../checks/index.js'
import { UnavailableError } from '../errors.js'
import { parseListChecks, parseRunCheck } from '../grpc/incident-requests.js'
import type { GatewayDeps } from './gateway-deps.js'
import { checkRunView } from './incident-views.js'
import { readJsonObject } from './json-body.js'
import type { Route } from './router.js'

/**
 * Sanity checks over HTTP: ListChecks (what each live instance's heartbeat
 * says about its checks) and RunCheck (run one now on one or every live
 * instance, each one's result), with the gRPC server's parsers. Running a
 * check needs `checks`: it runs code in the service.
 */
export function checkRoutes(deps: GatewayDeps): Route[] {
  const { now } = deps
  const need = (): CheckRunner => {
    if (!deps.checks) throw new UnavailableError('this control plane does not serve checks')
    return deps.checks
  }
  return [
    {
      method: 'GET',
      path: '/api/v1/services/:service/checks',
      permission: 'read',
      handle: ({ params }) => {
        const service = parseListChecks({ service: params.service ?? '' })
        return { now: now(), service, instances: need().list(service) }
      },
    },
    {
      method: 'POST',
      path: '/api/v1/services/:service/checks/:name/run',
      permission: 'checks',
      handle: async ({ request, params }) => {
        const body = await readJsonObject(request)
        const input = parseRunCheck({
          service: params.service ?? '',
          name: params.name ?? '',
          instance: body.instance,
          waitMs: body.waitMs,
        } as RunCheckRequest)
        const { results, missing } = await need().run(input)
        return { now: now(), service: input.service, name: input.name, results: results.map(checkRunView), missing }
      },
    },
  ]
}
