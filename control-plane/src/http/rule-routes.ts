import type { IncomingMessage } from 'node:http'
import type { SetRuleRequest } from '@prodbench/proto'
import type { ChangeResult } from '../api/control-api.js'
import { InvalidArgumentError, NotFoundError } from '../errors.js'
import { AUTHOR_METADATA_KEY } from '../grpc/grpc-server.js'
import { parseRemoveRules, parseService, parseSetRule, type SetRuleInput } from '../grpc/requests.js'
import type { Principal } from './auth.js'
import type { GatewayDeps } from './gateway-deps.js'
import { objectField, readJsonObject } from './json-body.js'
import { queryInt } from './query-params.js'
import type { Route } from './router.js'

/** Longest author kept, like the gRPC server. */
const MAX_AUTHOR_LENGTH = 200

/**
 * Changing rules: SetRule and RemoveRules over HTTP. Log rules (level,
 * sample, budget, record) and captures are separate routes because they need
 * different permissions (`rules`, `captures`); both take the SetRule body
 * `{ rule: RuleSpec, waitMs?, author? }` and answer the ChangeResponse
 * `{ rules, replacedIds, rollout }` once every live instance applied the
 * change (or the wait ended).
 */
export function ruleRoutes({ api }: GatewayDeps): Route[] {
  const set = (kind: 'rules' | 'captures') => async (request: IncomingMessage, service: string, who: Principal) => {
    const body = await readJsonObject(request)
    const input = parseRuleBody(parseService(service), body, kind)
    return changeView(await api.setRule(input.rule, authorOf(request, body, who), input.waitMs))
  }
  const remove = (kind: 'rules' | 'captures') => async (service: string, id: string, query: URLSearchParams) => {
    const input = parseRemoveRules({ service, ruleIds: [id], waitMs: queryInt(query, 'waitMs') ?? 0 })
    if (kind === 'captures') {
      const { rules } = await api.listRules(input.service)
      const rule = rules.find((r) => r.id === id)
      if (rule && rule.capture === undefined) {
        throw new NotFoundError(`${id} is not a capture of ${input.service}: remove it with DELETE .../rules/${id}`)
      }
    }
    return changeView(await api.removeRules(input))
  }
  return [
    {
      method: 'POST',
      path: '/api/v1/services/:service/rules',
      permission: 'rules',
      handle: ({ request, params, principal }) => set('rules')(request, params.service ?? '', principal),
    },
    {
      method: 'DELETE',
      path: '/api/v1/services/:service/rules/:id',
      permission: 'rules',
      handle: ({ params, query }) => remove('rules')(params.service ?? '', params.id ?? '', query),
    },
    {
      method: 'POST',
      path: '/api/v1/services/:service/captures',
      permission: 'captures',
      handle: ({ request, params, principal }) => set('captures')(request, params.service ?? '', principal),
    },
    {
      method: 'DELETE',
      path: '/api/v1/services/:service/captures/:id',
      permission: 'captures',
      handle: ({ params, query }) => remove('captures')(params.service ?? '', params.id ?? '', query),
    },
  ]
}

/**
 * The SetRule body for `service` (from the path), through the SAME parser as
 * gRPC SetRule: a bad field is a PB_INVALID_ARGUMENT naming it.
 */
export function parseRuleBody(
  service: string,
  body: Record<string, unknown>,
  kind: 'rules' | 'captures',
): SetRuleInput {
  const rule = objectField(body, 'rule') ?? {}
  const selector = objectField(rule, 'selector', 'rule.selector') ?? {}
  if (selector.service !== undefined && selector.service !== service) {
    throw new InvalidArgumentError('rule.selector.service', `must be the service of the path, ${service}, or absent`)
  }
  const input = parseSetRule({ ...body, rule: { ...rule, selector: { ...selector, service } } } as SetRuleRequest)
  if (kind === 'rules' && input.rule.capture !== undefined) {
    throw new InvalidArgumentError('rule.capture', `start captures with POST /api/v1/services/${service}/captures`)
  }
  if (kind === 'captures' && input.rule.capture === undefined) {
    throw new InvalidArgumentError('rule.capture', 'is required here (other rules: POST .../rules)')
  }
  return input
}

/**
 * Who made a change: the body's `author` (the UI's form), else the
 * `x-prodbench-author` header (as gRPC metadata), else the principal.
 */
export function authorOf(request: IncomingMessage, body: Record<string, unknown>, principal: Principal): string {
  const header = request.headers[AUTHOR_METADATA_KEY]
  const given = typeof body.author === 'string' ? body.author : typeof header === 'string' ? header : ''
  const author = given.trim()
  return author ? author.slice(0, MAX_AUTHOR_LENGTH) : principal.name
}

function changeView(result: ChangeResult) {
  return { rules: result.rules, replacedIds: result.replacedIds, rollout: result.rollout }
}
