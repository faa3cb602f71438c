import type { ChangeResult } from '../api/control-api.js'
import { InvalidArgumentError, NotFoundError } from '../errors.js'
import { parseRemoveRules, parseService } from '../grpc/requests.js'
import type { GatewayDeps } from './gateway-deps.js'
import { objectField, readJsonObject } from './json-body.js'
import { queryInt } from './query-params.js'
import type { Route } from './router.js'
import { authorOf, parseRuleBody } from './rule-routes.js'

/** Body fields of a quarantine, and the rule fields they become (for naming a bad one as it was sent). */
const FIELD_OF_RULE: Readonly<Record<string, string>> = Object.freeze({
  'rule.selector.instance': 'instance',
  'rule.ttl_ms': 'ttl_ms',
  'rule.reason': 'reason',
  'rule.quarantine.reason': 'reason',
})

/**
 * Quarantine over HTTP, as `ctl quarantine` / `ctl release` do it: a rule
 * with the `quarantine` action naming the instance (SetRule through the same
 * parser as the rules route, so the same `rules` permission, limits and
 * audit), and its removal. The instance's readiness check fails while the
 * rule is in force; its heartbeats then report it quarantined.
 *
 * - `POST /services/:service/instances/:instance/quarantine`
 *   `{ reason?, ttlMs?, waitMs?, author? }` → the SetRule answer;
 * - `DELETE /services/:service/instances/:instance/quarantine?waitMs=` →
 *   the RemoveRules answer (404 when no quarantine rule names it).
 */
export function quarantineRoutes({ api }: GatewayDeps): Route[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/services/:service/instances/:instance/quarantine',
      permission: 'rules',
      handle: async ({ request, params, principal }) => {
        const service = parseService(params.service)
        const body = await readJsonObject(request)
        if (objectField(body, 'rule'))
          throw new InvalidArgumentError('rule', 'is not taken here: send reason and ttlMs')
        const reason = body.reason === '' ? undefined : body.reason
        const ruleBody = {
          rule: {
            selector: { instance: params.instance },
            quarantine: reason === undefined ? {} : { reason },
            ...(reason === undefined ? {} : { reason }),
            ...(body.ttlMs === undefined ? {} : { ttlMs: body.ttlMs }),
          },
          ...(body.waitMs === undefined ? {} : { waitMs: body.waitMs }),
        }
        const input = renamed(() => parseRuleBody(service, ruleBody, 'rules'))
        return changeView(await api.setRule(input.rule, authorOf(request, body, principal), input.waitMs))
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/services/:service/instances/:instance/quarantine',
      permission: 'rules',
      handle: async ({ params, query }) => {
        const service = parseService(params.service)
        const instance = params.instance ?? ''
        const { rules } = await api.listRules(service)
        const ids = rules.filter((r) => r.quarantine !== undefined && r.selector.instance === instance).map((r) => r.id)
        if (ids.length === 0) throw new NotFoundError(`${service}@${instance} has no quarantine rule`)
        const input = parseRemoveRules({ service, ruleIds: ids, waitMs: queryInt(query, 'waitMs') ?? 0 })
        return changeView(await api.removeRules(input))
      },
    },
  ]
}

/** Runs `parse`, naming a bad field as the body named it (`reason`, not `rule.quarantine.reason`). */
function renamed<T>(parse: () => T): T {
  try {
    return parse()
  } catch (err) {
    if (!(err instanceof InvalidArgumentError)) throw err
    const field = FIELD_OF_RULE[err.field] ?? err.field
    if (field === err.field) throw err
    const message = err.message.startsWith(`${err.field}: `) ? err.message.slice(err.field.length + 2) : err.message
    throw new InvalidArgumentError(field, message, err.code === 'PB_OVER_CEILING' ? 'PB_OVER_CEILING' : undefined)
  }
}

function changeView(result: ChangeResult) {
  return { rules: result.rules, replacedIds: result.replacedIds, rollout: result.rollout }
}
