import type { IncomingMessage } from 'node:http'
import { summarizeRequest } from '../audit/audit-record.js'
import {
  type GatewayAuditEvent,
  type GatewayAuth,
  type Principal as HttpPrincipal,
  PERMISSIONS,
  type Permission,
} from '../http/index.js'
import { authorize } from './authorize.js'
import { handleSession, SESSION_PATH } from './http-session.js'
import type { Principal } from './principal.js'
import { type Role, roleIncludes } from './roles.js'
import { routeRole } from './rpc-permissions.js'
import type { Security } from './security.js'
import { type RecordRedactor, redactMap } from './viewer-redaction.js'

/** Cookie a browser session of the admin UI carries the token in (HttpOnly, SameSite=Strict). */
export const TOKEN_COOKIE = 'prodbench_token'

/** The gateway permissions a role holds (what a page may offer), from the same table as authorization. */
function permissionsOf(role: Role): ReadonlySet<Permission> {
  return new Set(PERMISSIONS.filter((permission) => roleIncludes(role, routeRole(permission))))
}

/** An HTTP principal that remembers the security principal it stands for. */
type GatewayPrincipal = HttpPrincipal & { readonly security: Principal }

/**
 * The HTTP gateway's auth hook over the control plane's security layer:
 * the same authentication (a bearer token in `Authorization`, or the
 * session cookie), the same role and service checks as gRPC (each route's
 * permission → a role, its `:service` → the service), the viewer redaction
 * of log records (JSON answers and SSE events), and the same audit log.
 */
export function createGatewayAuth(security: Security): GatewayAuth {
  const redactors = new WeakMap<HttpPrincipal, RecordRedactor>()
  return {
    async authenticate(request) {
      const principal = await security.authenticate(authorizationOf(request))
      const http: GatewayPrincipal = Object.freeze({
        name: principal.name,
        role: principal.role,
        services: principal.services,
        permissions: permissionsOf(principal.role),
        security: principal,
      })
      const redact = security.redactorFor(principal)
      if (redact) redactors.set(http, redact)
      return http
    },
    authorize(principal, permission, service) {
      authorize(securityPrincipal(principal), { role: routeRole(permission), service })
    },
    shape(principal, permission, value) {
      const redact = permission === 'tail' ? redactors.get(principal) : undefined
      return redact ? redactRecordsDeep(value, redact, security.viewerRedact) : value
    },
    async session(request, response, path) {
      if (path !== SESSION_PATH) return undefined
      return handleSession(security, request, response, TOKEN_COOKIE, authorizationOf)
    },
    audit(event: GatewayAuditEvent) {
      const principal = event.principal ? securityPrincipal(event.principal) : undefined
      const hint = event.request.headers['x-prodbench-author']
      return security.audit.record({
        at: Date.now(),
        who: principal?.name ?? '(unauthenticated)',
        role: principal?.role ?? '',
        authorHint: typeof hint === 'string' ? hint : '',
        peer: `${event.request.socket.remoteAddress ?? '?'}:${event.request.socket.remotePort ?? '?'}`,
        transport: 'http',
        method: event.route,
        service: event.service,
        request: summarizeRequest({ url: pathOnly(event.request.url), ...(event.body ? { body: event.body } : {}) }),
        reason: reasonOf(event.body),
        result: event.result,
        message: event.message,
      })
    },
  }
}

/** The reason a change's body gives: `reason` (quarantine, incidents) or `rule.reason` (rules). */
function reasonOf(body: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const rule = body?.rule
  const reason =
    body?.reason ?? (rule !== null && typeof rule === 'object' ? (rule as { reason?: unknown }).reason : undefined)
  return typeof reason === 'string' && reason !== '' ? reason : undefined
}

/** The `Authorization` header, else the session cookie as a bearer value. */
function authorizationOf(request: IncomingMessage): string | undefined {
  if (request.headers.authorization) return request.headers.authorization
  const cookie = request.headers.cookie
  if (!cookie) return undefined
  for (const part of cookie.split(';')) {
    const [name, ...value] = part.trim().split('=')
    if (name === TOKEN_COOKIE && value.length > 0) return `Bearer ${decodeURIComponent(value.join('='))}`
  }
  return undefined
}

function securityPrincipal(principal: HttpPrincipal): Principal {
  const known = (principal as Partial<GatewayPrincipal>).security
  if (known) return known
  // A principal this hook did not make (a route test's own): the least it could be.
  return { name: principal.name, role: 'viewer', services: principal.services ?? [], authenticated: true }
}

/** The URL without its query (query values may carry user data; the audit keeps the route's path). */
function pathOnly(url: string | undefined): string {
  return (url ?? '').split('?')[0] ?? ''
}

/** Every `records` array of strings (log records) and `context` map (an incident's request), at any depth, redacted. */
function redactRecordsDeep(value: unknown, redact: RecordRedactor, names: readonly string[], depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((item) => redactRecordsDeep(item, redact, names, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    if (key === 'records' && Array.isArray(item)) {
      out[key] = item.map((record) => (typeof record === 'string' ? redact(record) : record))
    } else if (key === 'context' && isStringMap(item)) {
      out[key] = redactMap(item, names)
    } else {
      out[key] = redactRecordsDeep(item, redact, names, depth + 1)
    }
  }
  return out
}

function isStringMap(value: unknown): value is Record<string, string> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string')
  )
}
