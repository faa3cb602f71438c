import type { IncomingMessage, ServerResponse } from 'node:http'
import { PermissionDeniedError } from '../errors.js'

/**
 * Who is calling, and what a route needs. ONE function authenticates a
 * request and ONE checks a permission: the gateway calls a {@link GatewayAuth},
 * which is {@link OPEN_AUTH} without a security layer and the control plane's
 * tokens and roles with one (security/http-auth.ts). Every route declares
 * its {@link Permission}; the service it touches is its `:service`.
 */

/**
 * What a route needs: `read` (look and watch), `rules` (log rules and
 * quarantine), `captures`, `tail` (log content: tails, dumps, an incident's
 * records), `incidents` (ack, close, open by hand), `checks` (run one now),
 * `audit` (read the audit log).
 */
export const PERMISSIONS = ['read', 'rules', 'captures', 'tail', 'incidents', 'checks', 'audit'] as const
/** One of {@link PERMISSIONS}. */
export type Permission = (typeof PERMISSIONS)[number]

/** The caller of a request. */
export interface Principal {
  /** Shown as the author of changes when the request names none. */
  readonly name: string
  readonly permissions: ReadonlySet<Permission>
  /** Its role, with a security layer ("viewer", "operator", "admin"). */
  readonly role?: string
  /** Service globs it is limited to; empty or absent: every service. */
  readonly services?: readonly string[]
}

/** One request the gateway answered, for the audit log. */
export interface GatewayAuditEvent {
  readonly request: IncomingMessage
  /** `POST /api/v1/services/:service/rules`: the route, not the URL (no query, no ids). */
  readonly route: string
  readonly permission: Permission
  readonly service: string | undefined
  /** Undefined when the request was not authenticated. */
  readonly principal: Principal | undefined
  /** "ok" or the PB_ code. */
  readonly result: string
  readonly message?: string
  /** The JSON body the route read; absent when refused before it read one. */
  readonly body?: Readonly<Record<string, unknown>>
}

/** How the gateway authenticates, authorizes, redacts and audits. */
export interface GatewayAuth {
  /**
   * The principal of a request, from its `Authorization: Bearer` header (or
   * the `prodbench_token` cookie a browser session carries). Credentials are
   * never read from a URL (URLs end up in logs and history) and never logged.
   * @throws {UnauthenticatedError} when they are missing or not valid
   */
  authenticate(request: IncomingMessage): Promise<Principal>
  /** @throws {PermissionDeniedError} naming what is missing */
  authorize(principal: Principal, permission: Permission, service: string | undefined): void
  /** What a response (JSON, or an SSE event's data) becomes for `principal`: viewers get records redacted. */
  shape?(principal: Principal, permission: Permission, value: unknown): unknown
  /** Records a change (or a refused one). */
  audit?(event: GatewayAuditEvent): Promise<void>
  /**
   * Paths the auth layer answers itself (the UI's login, `/api/v1/session`):
   * the status and JSON body, or undefined for any other path.
   */
  session?(
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
  ): Promise<{ status: number; body: Record<string, unknown> } | undefined>
}

/** Everybody, without a security layer: the gateway then has no credentials, like the gRPC server. */
const ANONYMOUS: Principal = Object.freeze({ name: 'anonymous', permissions: new Set(PERMISSIONS) })

/** No authentication: every request is anonymous with every permission (bind the gateway to loopback). */
export const OPEN_AUTH: GatewayAuth = Object.freeze({
  authenticate: async () => ANONYMOUS,
  authorize(principal: Principal, permission: Permission) {
    if (!isAllowed(principal, permission)) {
      throw new PermissionDeniedError(permission, `${principal.name} lacks the permission "${permission}"`)
    }
  },
})

/** The anonymous principal of {@link OPEN_AUTH}. */
export function authenticate(_request: IncomingMessage): Principal {
  return ANONYMOUS
}

/** Whether `principal` holds `permission`. */
export function isAllowed(principal: Principal, permission: Permission): boolean {
  return principal.permissions.has(permission)
}
