import { PermissionDeniedError } from '../errors.js'
import { describePrincipal, type Principal } from './principal.js'
import { type Role, roleIncludes, scopeCovers } from './roles.js'

/**
 * What a request needs: a role, on one service (`service`), on every service
 * (`everyService`: tokens), or on none in particular (lists, answered with
 * what the caller may see).
 */
export interface Need {
  readonly role: Role
  /** The service the request touches. */
  readonly service?: string | undefined
  /** The request concerns the whole control plane (tokens): a scoped token never qualifies. */
  readonly everyService?: boolean
}

/** The permission `need` names, as denials say it: `operator on service "payments"`. */
export function describeNeed(need: Need): string {
  if (need.everyService) return `${need.role} on every service`
  if (need.service !== undefined) return `${need.role} on service "${need.service}"`
  return need.role
}

/**
 * Checks `principal` against `need`.
 * @throws {PermissionDeniedError} naming the missing permission and the caller
 */
export function authorize(principal: Principal, need: Need): void {
  const roleOk = roleIncludes(principal.role, need.role)
  const scopeOk = need.everyService
    ? principal.services.length === 0
    : need.service === undefined || scopeCovers(principal.services, need.service)
  if (roleOk && scopeOk) return
  const missing = describeNeed(need)
  throw new PermissionDeniedError(missing, `${describePrincipal(principal)} lacks ${missing}`)
}

/** Whether `principal` may see `service` at all (lists keep only these). */
export function maySee(principal: Principal, service: string): boolean {
  return scopeCovers(principal.services, service)
}
