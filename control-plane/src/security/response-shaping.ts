import { maySee } from './authorize.js'
import type { Principal } from './principal.js'
import type { RpcPermission } from './rpc-permissions.js'
import type { Security } from './security.js'
import { type RecordRedactor, redactMap } from './viewer-redaction.js'

type Obj = Record<string, unknown>

/**
 * What a caller gets back: a list of many services keeps only the ones a
 * scoped token covers, and log records (tails, dumps, incidents) get the
 * extra redaction for viewers. Anything else passes unchanged.
 */
export function shapeResponse(
  permission: RpcPermission,
  principal: Principal,
  value: unknown,
  security: Security,
): unknown {
  if (!value || typeof value !== 'object') return value
  let shaped = value as Obj
  if (permission.filter && principal.services.length > 0) shaped = filterList(permission.filter, principal, shaped)
  const redact = permission.redact ? security.redactorFor(principal) : undefined
  if (redact && permission.redact) shaped = redactRecords(permission.redact, shaped, redact, security.viewerRedact)
  return shaped
}

function filterList(kind: NonNullable<RpcPermission['filter']>, principal: Principal, value: Obj): Obj {
  const keep = (service: unknown) => typeof service === 'string' && maySee(principal, service)
  const list = (key: string, serviceOf: (item: Obj) => unknown) =>
    Array.isArray(value[key])
      ? { ...value, [key]: (value[key] as Obj[]).filter((item) => keep(serviceOf(item))) }
      : value
  switch (kind) {
    case 'services':
      return list('services', (item) => item.service)
    case 'instances':
      return list('instances', (item) => (item.identity as Obj | undefined)?.service)
    case 'incidents':
      return list('incidents', (item) => item.service)
  }
}

function redactRecords(
  kind: NonNullable<RpcPermission['redact']>,
  value: Obj,
  redact: RecordRedactor,
  names: readonly string[],
): Obj {
  const records = (item: Obj) =>
    Array.isArray(item.records) ? { ...item, records: (item.records as string[]).map((r) => redact(String(r))) } : item
  switch (kind) {
    case 'tail':
      return records(value)
    case 'dump':
      return Array.isArray(value.instances) ? { ...value, instances: (value.instances as Obj[]).map(records) } : value
    case 'incident': {
      const first = value.first as Obj | undefined
      if (!first) return value
      const context = first.context as Record<string, string> | undefined
      return { ...value, first: { ...records(first), ...(context ? { context: redactMap(context, names) } : {}) } }
    }
  }
}
