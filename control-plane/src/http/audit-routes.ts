import { ServiceName } from '@prodbench/sdk/core'
import { z } from 'zod'
import type { AuditLog } from '../audit/audit-log.js'
import { InvalidArgumentError, UnavailableError } from '../errors.js'
import { parse } from '../grpc/requests.js'
import { DEFAULT_AUDIT_LIMIT, MAX_AUDIT_LIMIT } from '../security/security-handlers.js'
import type { GatewayDeps } from './gateway-deps.js'
import { queryInt, queryString } from './query-params.js'
import type { Route } from './router.js'
import { maySee } from './scope.js'

/** Without `since`: the last hour, as ListAudit. */
const DEFAULT_WINDOW_MS = 60 * 60_000

/** The ListAudit request's rules (security-handlers.ts), with its limits. */
const AuditQuery = z.object({
  service: ServiceName.optional(),
  since: z.number().int().nonnegative().optional(),
  limit: z.number().int().min(1).max(MAX_AUDIT_LIMIT).default(DEFAULT_AUDIT_LIMIT),
})

/**
 * The audit log over HTTP, as ListAudit: `GET /audit?service=&since=&limit=`
 * → `{ now, records }`, newest first, only the services the caller may see
 * (records of no service, token changes, for unscoped callers only).
 */
export function auditRoutes(deps: GatewayDeps): Route[] {
  const { now } = deps
  const need = (): Pick<AuditLog, 'list'> => {
    if (!deps.audit) throw new UnavailableError('this control plane keeps no audit log')
    return deps.audit
  }
  return [
    {
      method: 'GET',
      path: '/api/v1/audit',
      permission: 'audit',
      handle: async ({ query, principal }) => {
        const input = parse(AuditQuery, {
          service: queryString(query, 'service'),
          since: queryUnixMs(query, 'since'),
          limit: queryInt(query, 'limit') || undefined,
        })
        const scoped = (principal.services ?? []).length > 0
        const records = await need().list({
          service: input.service,
          sinceMs: input.since ?? now() - DEFAULT_WINDOW_MS,
          limit: input.limit,
          visible: (service) => (service === undefined ? !scoped : maySee(principal, service)),
        })
        return { now: now(), records: records.reverse() }
      },
    },
  ]
}

/** A unix time in ms (13 digits today, beyond queryInt's 10), or undefined when absent. */
function queryUnixMs(query: URLSearchParams, name: string): number | undefined {
  const text = query.get(name)
  if (text === null || text === '') return undefined
  if (!/^\d{1,15}$/.test(text)) {
    throw new InvalidArgumentError(name, `must be a unix time in ms (got ${JSON.stringify(text)})`)
  }
  return Number(text)
}
