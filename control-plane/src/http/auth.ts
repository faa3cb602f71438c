import type { IncomingMessage } from 'node:http'

/**
 * Who is calling, and what a route needs. ONE function authenticates a
 * request and ONE checks a permission, so tokens and roles (issue 7) change
 * this file only: every route already declares its {@link Permission}.
 */

/** What a route needs: `read` (look and watch), `rules` (log rules), `captures`, `tail`. */
export const PERMISSIONS = ['read', 'rules', 'captures', 'tail'] as const
/** One of {@link PERMISSIONS}. */
export type Permission = (typeof PERMISSIONS)[number]

/** The caller of a request. */
export interface Principal {
  /** Shown as the author of changes when the request names none. */
  readonly name: string
  readonly permissions: ReadonlySet<Permission>
}

/** Everybody, today: the gateway has no credentials yet, like the gRPC server. */
const ANONYMOUS: Principal = Object.freeze({ name: 'anonymous', permissions: new Set(PERMISSIONS) })

/**
 * The principal of a request. Today every request is anonymous with every
 * permission (bind the gateway to loopback). Credentials will arrive in the
 * `Authorization` header, never in a URL (URLs end up in logs and history),
 * and are never logged.
 */
export function authenticate(_request: IncomingMessage): Principal {
  return ANONYMOUS
}

/** Whether `principal` holds `permission`. */
export function isAllowed(principal: Principal, permission: Permission): boolean {
  return principal.permissions.has(permission)
}
