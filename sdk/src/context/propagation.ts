import type { IncomingMessage } from 'node:http'
import { LEVEL_VALUES } from '../core/index.js'
import type { LogEngine } from '../logging/log-engine.js'
import { BaggageSigner, baggageValue, withBaggage } from './baggage.js'
import type { OtelSpans } from './otel.js'
import { currentScope, type PropagatedLevel, RequestScope, traceIdFrom } from './request-context.js'

/** How long a decision from a rule without expiry may be replayed downstream. */
const OPEN_ENDED_MS = 5 * 60_000

/** Headers as node:http and fetch callers pass them. */
export type HeaderRecord = Record<string, string | string[] | number | undefined>

/**
 * Requests in and out: makes each incoming request's scope (trusting a
 * propagated level only when its signature verifies) and adds the request's
 * decision to outgoing calls as W3C `baggage`, with its `traceparent`.
 */
export class Propagation {
  readonly #signer: BaggageSigner | undefined
  readonly #engine: LogEngine
  readonly #otel: OtelSpans | undefined

  constructor(key: string | undefined, engine: LogEngine, otel?: OtelSpans) {
    this.#signer = key ? new BaggageSigner(key) : undefined
    this.#engine = engine
    this.#otel = otel?.available ? otel : undefined
  }

  /** The scope an incoming request runs in. */
  scopeFor(req: IncomingMessage, route: string): RequestScope {
    const traceparent = firstHeader(req.headers.traceparent)
    // The active OpenTelemetry span (its HTTP instrumentation made one for
    // this request) names the trace when there is one; else the header does.
    const traceId = this.#otel?.active()?.traceId ?? traceIdFrom(traceparent)
    const context = { method: req.method ?? 'GET', route, traceId, attributes: {} }
    const scope = new RequestScope(context, this.#verify(req.headers.baggage))
    scope.traceparent = traceparent
    return scope
  }

  /**
   * `headers` plus what a downstream service needs to log this request the
   * same way: `baggage` with the signed decision, and `traceparent`.
   */
  headers(headers: HeaderRecord = {}): HeaderRecord {
    const scope = currentScope()
    if (!scope) return { ...headers }
    const out: HeaderRecord = { ...headers }
    const token = this.#tokenFor(scope)
    if (token !== undefined) {
      const existing = findHeader(out, 'baggage')
      const baggage = withBaggage(existing.value === undefined ? undefined : String(existing.value), token)
      if (existing.key) delete out[existing.key]
      if (baggage !== undefined) out.baggage = baggage
    }
    if (scope.traceparent && findHeader(out, 'traceparent').value === undefined) out.traceparent = scope.traceparent
    return out
  }

  /** `fetch` with {@link headers} added. */
  fetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    const scope = currentScope()
    if (scope) {
      const token = this.#tokenFor(scope)
      if (token !== undefined) {
        const baggage = withBaggage(headers.get('baggage') ?? undefined, token)
        if (baggage !== undefined) headers.set('baggage', baggage)
      }
      if (scope.traceparent && !headers.has('traceparent')) headers.set('traceparent', scope.traceparent)
    }
    return fetch(input, { ...init, headers })
  }

  #verify(header: string | string[] | undefined): PropagatedLevel | undefined {
    if (!this.#signer) return undefined
    const token = baggageValue(header)
    if (token === undefined) return undefined
    const decision = this.#signer.verify(token, Date.now())
    if (decision) this.#engine.admitPropagated(decision.levelValue, decision.expiresAt)
    return decision
  }

  #tokenFor(scope: RequestScope): string | undefined {
    if (!this.#signer) return undefined
    // Only a rule for every logger travels: logger names mean nothing downstream.
    const rule = this.#engine.requests.matched(scope).find((r) => r.selector.logger === undefined)
    const propagated = scope.propagated
    if (rule?.level !== undefined && (!propagated || LEVEL_VALUES[rule.level] <= propagated.levelValue)) {
      const now = Date.now()
      const expiresAt = rule.expiresAt || Math.ceil((now + OPEN_ENDED_MS) / OPEN_ENDED_MS) * OPEN_ENDED_MS
      return this.#signer.sign(rule.level, expiresAt, rule.id)
    }
    if (propagated && propagated.expiresAt > Date.now()) {
      return this.#signer.sign(propagated.level, propagated.expiresAt, propagated.ruleId)
    }
    return undefined
  }
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

function findHeader(headers: HeaderRecord, name: string): { key?: string; value?: string | string[] | number } {
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() === name) return { key, value: headers[key] }
  }
  return {}
}
