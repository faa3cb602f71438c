import { parseIncidentId } from '../incidents/incident-ids.js'
import type { Need } from './authorize.js'
import type { Role } from './roles.js'

/** A request as grpc-js decoded it (fields may be absent). */
type Request = Record<string, unknown> & {
  service?: string
  id?: string
  reason?: string
  rule?: { selector?: { service?: string }; reason?: string }
  selector?: { service?: string }
}

/** What one RPC needs, and how the security layer treats it. */
export interface RpcPermission {
  readonly role: Role
  /** The service the request touches; undefined: none in particular. */
  readonly service?: (request: Request) => string | undefined
  /** Concerns the whole control plane (tokens): only an unscoped token qualifies. */
  readonly everyService?: boolean
  /** A change (or a read of log content): every call, accepted or refused, is audited. */
  readonly audited?: boolean
  /** The response lists many services: keep what the caller may see. */
  readonly filter?: 'services' | 'instances' | 'incidents'
  /** The response carries log records: redacted further for viewers. */
  readonly redact?: 'tail' | 'dump' | 'incident'
}

const service = (r: Request) => r.service || undefined
const ruleService = (r: Request) => r.rule?.selector?.service || undefined
const selectorService = (r: Request) => r.selector?.service || undefined
const incidentService = (r: Request) => (r.id ? parseIncidentId(r.id)?.service : undefined)

/**
 * THE table: every RPC of the ControlPlane service, the role it needs and
 * the service it touches. An RPC missing here needs admin on every service
 * (fail closed), and a test checks that every RPC of the .proto is listed.
 */
export const RPC_PERMISSIONS: Readonly<Record<string, RpcPermission>> = Object.freeze({
  SetRule: { role: 'operator', service: ruleService, audited: true },
  RemoveRules: { role: 'operator', service, audited: true },
  ListRules: { role: 'viewer', service },
  ListServices: { role: 'viewer', filter: 'services' },
  ListInstances: { role: 'viewer', service, filter: 'instances' },
  GetStatus: { role: 'viewer', service },
  GetHistogram: { role: 'viewer', service },
  WatchHistogram: { role: 'viewer', service },
  ListMetrics: { role: 'viewer', service },
  WatchMetrics: { role: 'viewer', service },
  Tail: { role: 'viewer', service: selectorService, audited: true, redact: 'tail' },
  Dump: { role: 'viewer', service, audited: true, redact: 'dump' },
  ListIncidents: { role: 'viewer', service, filter: 'incidents' },
  GetIncident: { role: 'viewer', service: incidentService, redact: 'incident' },
  UpdateIncident: { role: 'operator', service: incidentService, audited: true },
  OpenIncident: { role: 'operator', service, audited: true },
  ListChecks: { role: 'viewer', service },
  RunCheck: { role: 'operator', service, audited: true },
  Inspect: { role: 'admin', service, audited: true },
  CreateToken: { role: 'admin', everyService: true, audited: true },
  ListTokens: { role: 'admin', everyService: true },
  RevokeToken: { role: 'admin', everyService: true, audited: true },
  ListAudit: { role: 'operator', service },
})

/** What an RPC not in the table needs: the most, so a new RPC is closed until it is listed. */
export const UNLISTED_RPC: RpcPermission = Object.freeze({ role: 'admin', everyService: true, audited: true })

/** The permission entry of `method`. */
export function rpcPermission(method: string): RpcPermission {
  return RPC_PERMISSIONS[method] ?? UNLISTED_RPC
}

/** What a call of `method` with `request` needs. */
export function needOf(permission: RpcPermission, request: unknown): Need {
  const touched = permission.service?.((request ?? {}) as Request)
  return { role: permission.role, service: touched, ...(permission.everyService ? { everyService: true } : {}) }
}

/** The reason a request gives (`reason`, or `rule.reason`), if any. */
export function reasonOf(request: unknown): string | undefined {
  const r = (request ?? {}) as Request
  return r.reason || r.rule?.reason || undefined
}

/**
 * The HTTP gateway's route permissions (each route declares one) in roles:
 * reading and tails are a viewer's (tails and dumps redacted for viewers),
 * rules and captures an operator's; one this table does not know needs admin.
 */
export const ROUTE_ROLES: Readonly<Record<string, Role>> = Object.freeze({
  read: 'viewer',
  tail: 'viewer',
  rules: 'operator',
  captures: 'operator',
  incidents: 'operator',
  checks: 'operator',
  audit: 'operator',
  admin: 'admin',
})

/** The role an HTTP route permission needs. */
export function routeRole(permission: string): Role {
  return ROUTE_ROLES[permission] ?? 'admin'
}
