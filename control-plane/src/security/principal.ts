import type { Role } from './roles.js'

/** Who is calling, once authenticated. */
export interface Principal {
  /** The token's name ("anonymous" when the control plane runs without authentication). */
  readonly name: string
  readonly role: Role
  /** Service globs the caller is limited to; empty: every service. */
  readonly services: readonly string[]
  /** False for the anonymous caller of a control plane without authentication. */
  readonly authenticated: boolean
}

/** The caller of every request when authentication is off: an admin of everything, by design (bind to loopback). */
export const ANONYMOUS: Principal = Object.freeze({
  name: 'anonymous',
  role: 'admin',
  services: Object.freeze([]) as readonly string[],
  authenticated: false,
})

/** `token "alice" (operator on checkout, pay*)`, for messages. */
export function describePrincipal(principal: Principal): string {
  if (!principal.authenticated) return principal.name
  const scope = principal.services.length === 0 ? 'every service' : principal.services.join(', ')
  return `token "${principal.name}" (${principal.role} on ${scope})`
}
