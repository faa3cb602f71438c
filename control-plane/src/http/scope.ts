import { scopeCovers } from '../security/roles.js'
import type { Principal } from './auth.js'

/**
 * Whether `principal` may see `service`: a token limited to some services
 * sees only theirs in lists and streams that span services (the incidents,
 * the audit log), as gRPC answers the same lists.
 */
export function maySee(principal: Principal, service: string): boolean {
  return scopeCovers(principal.services ?? [], service)
}
