import type { Metadata } from '@grpc/grpc-js'
import type { ControlPlaneHandlers } from '@prodbench/proto'
import { MAX_TTL_MS, ServiceName } from '@prodbench/sdk/core'
import { z } from 'zod'
import { AuthDisabledError, UnavailableError } from '../errors.js'
import type { Unary } from '../grpc/incident-handlers.js'
import { parse } from '../grpc/requests.js'
import { maySee } from './authorize.js'
import { principalOf } from './call-principal.js'
import { ANONYMOUS, type Principal } from './principal.js'
import { Role, ServiceGlob } from './roles.js'
import type { Security } from './security.js'
import { TokenName, tokenInfo } from './stored-token.js'
import type { TokenStore } from './token-store.js'

/** Records ListAudit returns when `limit` is 0, and the most it may ask for. */
export const DEFAULT_AUDIT_LIMIT = 200
export const MAX_AUDIT_LIMIT = 10_000
/** ListAudit without `since`: the last hour. */
const DEFAULT_AUDIT_WINDOW_MS = 60 * 60_000

const Reason = z.string().max(1_000).optional()

/** A validated CreateToken request. */
export const CreateTokenInput = z.object({
  name: TokenName,
  role: Role,
  services: z.array(ServiceGlob).max(100),
  ttlMs: z.number().int().positive().max(MAX_TTL_MS).optional(),
  reason: Reason,
})

const RevokeTokenInput = z.object({ name: TokenName, reason: Reason })
const ListAuditInput = z.object({
  service: ServiceName.optional(),
  since: z.number().int().nonnegative().optional(),
  limit: z.number().int().min(1).max(MAX_AUDIT_LIMIT).default(DEFAULT_AUDIT_LIMIT),
})

type SecurityRpcs = Pick<ControlPlaneHandlers, 'CreateToken' | 'ListTokens' | 'RevokeToken' | 'ListAudit'>

/**
 * CreateToken, ListTokens, RevokeToken and ListAudit. Who may call them is
 * the guard's business (admin on every service; operator for the audit);
 * here they act for the principal the guard admitted. Without `security`
 * (a bare gRPC server) each answers UNAVAILABLE.
 */
export function securityHandlers(security: Security | undefined, unary: Unary): SecurityRpcs {
  const need = (): Security => {
    if (!security) throw new UnavailableError('this control plane has no security layer')
    return security
  }
  const tokens = (what: string): TokenStore => {
    const store = need().tokens
    if (!store) throw new AuthDisabledError(what)
    return store
  }
  const caller = (metadata: Metadata): Principal => principalOf(metadata) ?? ANONYMOUS
  return {
    CreateToken: unary(async (request, metadata) => {
      const input = parse(CreateTokenInput, {
        name: request.name,
        role: request.role,
        services: request.services ?? [],
        ttlMs: request.ttlMs || undefined,
        reason: request.reason || undefined,
      })
      const created = await tokens('CreateToken').create(input, caller(metadata).name)
      return { token: tokenInfo(created.token), secret: created.secret }
    }),
    ListTokens: unary(() => ({ tokens: tokens('ListTokens').infos() })),
    RevokeToken: unary(async (request) => {
      const input = parse(RevokeTokenInput, { name: request.name, reason: request.reason || undefined })
      return tokenInfo(await tokens('RevokeToken').revoke(input.name))
    }),
    ListAudit: unary(async (request, metadata) => {
      const input = parse(ListAuditInput, {
        service: request.service || undefined,
        since: request.since || undefined,
        limit: request.limit || undefined,
      })
      const who = caller(metadata)
      const records = await need().audit.list({
        service: input.service,
        sinceMs: input.since ?? Date.now() - DEFAULT_AUDIT_WINDOW_MS,
        limit: input.limit,
        // Records of no service (token changes) are for unscoped callers only.
        visible: (service) => (service === undefined ? who.services.length === 0 : maySee(who, service)),
      })
      return { records }
    }),
  }
}
