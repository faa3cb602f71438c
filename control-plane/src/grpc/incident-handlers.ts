import type { Metadata, ServerUnaryCall, sendUnaryData } from '@grpc/grpc-js'
import type { ControlPlaneHandlers } from '@prodbench/proto'
import type { CheckRunner, InspectorGateway } from '../checks/index.js'
import { UnavailableError } from '../errors.js'
import type { IncidentApi } from '../incidents/index.js'
import {
  parseGetIncident,
  parseInspect,
  parseListChecks,
  parseListIncidents,
  parseOpenIncident,
  parseRunCheck,
  parseUpdateIncident,
} from './incident-requests.js'

/** What the incident, check and inspector rpcs are served from. */
export interface IncidentDeps {
  readonly incidents: IncidentApi
  readonly checks: CheckRunner
  readonly inspector: InspectorGateway
}

/** grpc-server.ts's wrapper of a unary handler: errors answered with the status of the one error table. */
export type Unary = <Req, Res>(
  run: (request: Req, metadata: Metadata) => Promise<Res> | Res,
) => (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => void

type IncidentHandlers = Pick<
  ControlPlaneHandlers,
  'ListIncidents' | 'GetIncident' | 'UpdateIncident' | 'OpenIncident' | 'ListChecks' | 'RunCheck' | 'Inspect'
>

/**
 * The handlers of ListIncidents, GetIncident, UpdateIncident, OpenIncident,
 * ListChecks, RunCheck and Inspect. Without `deps` (a control plane built
 * without incidents) each answers UNAVAILABLE.
 */
export function incidentHandlers(
  deps: IncidentDeps | undefined,
  unary: Unary,
  authorOf: (metadata: Metadata) => string,
): IncidentHandlers {
  const need = (): IncidentDeps => {
    if (!deps) throw new UnavailableError('this control plane does not serve incidents or checks')
    return deps
  }
  return {
    ListIncidents: unary((request) => ({ incidents: need().incidents.list(parseListIncidents(request)) })),
    GetIncident: unary((request) => need().incidents.get(parseGetIncident(request))),
    UpdateIncident: unary((request, metadata) =>
      need().incidents.update(parseUpdateIncident(request), authorOf(metadata)),
    ),
    OpenIncident: unary((request, metadata) => need().incidents.open(parseOpenIncident(request), authorOf(metadata))),
    ListChecks: unary((request) => ({ instances: need().checks.list(parseListChecks(request)) })),
    RunCheck: unary((request) => need().checks.run(parseRunCheck(request))),
    Inspect: unary((request) => need().inspector.inspect(parseInspect(request))),
  }
}
