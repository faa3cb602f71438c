import { AsyncLocalStorage } from 'node:async_hooks'
import type { Attributes } from '../core/index.js'

/**
 * What the SDK knows about the request being served: set by the HTTP
 * middleware and by the app (`pb.setContext`), readable anywhere in the
 * request's async flow. Rules with `where` target requests by these
 * attributes (route, method, trace, user, tenant...).
 */
export interface RequestContext {
  readonly method: string
  /** Route template (`/cart/:id`), not the raw path. */
  route: string
  /** W3C trace id from an incoming `traceparent` header, when present. */
  readonly traceId?: string
  /** Attributes the app adds (`user`, `tenant`, ...). */
  readonly attributes: Record<string, string>
}

/**
 * A level decided upstream and carried in W3C `baggage`, verified against
 * the fleet's propagation key before it is trusted.
 */
export interface PropagatedLevel {
  readonly levelValue: number
  readonly level: string
  readonly ruleId: string
  readonly expiresAt: number
}

/**
 * The SDK's per-request state: the public context plus what logging decided
 * for it. Decisions are made once per request (and again only when its
 * attributes change or a new config arrives), never per log call.
 */
export class RequestScope {
  readonly context: RequestContext
  /** Bumped whenever an attribute changes, so cached decisions are redone. */
  version = 0
  /** Decision cache owned by the request-level logic (see logging/request-levels.ts). */
  decision: unknown = undefined
  decisionKey = -1
  /** Records kept below the effective level while serving this request (bounded ring). */
  recorded: unknown[] | undefined = undefined
  /** A level propagated from upstream, when the baggage carried a valid one. */
  propagated: PropagatedLevel | undefined
  /** The incoming `traceparent`, passed on to downstream calls. */
  traceparent: string | undefined
  #attributes: Attributes | undefined

  constructor(context: RequestContext, propagated?: PropagatedLevel) {
    this.context = context
    this.propagated = propagated
  }

  /** Every attribute a `where` can name: the app's, then route, method and trace. */
  get attributes(): Attributes {
    if (this.#attributes === undefined) {
      const c = this.context
      // Built by hand: an object spread costs ~1.5 µs here (V8 takes a slow
      // path for a spread followed by more properties), a copy loop ~50 ns.
      const all: Record<string, string | undefined> = { route: c.route, method: c.method, trace: c.traceId }
      for (const key in c.attributes) all[key] = c.attributes[key]
      this.#attributes = all
    }
    return this.#attributes
  }

  /**
   * Adds or replaces app attributes; undefined values remove one. `route`
   * sets the request's route template (a router knows it before the
   * response ends: `--where route=/users/:id` then matches at once).
   */
  set(attributes: Readonly<Record<string, string | number | boolean | undefined | null>>): void {
    const target = this.context.attributes
    for (const key of Object.keys(attributes)) {
      const value = attributes[key]
      if (key === 'route') {
        if (value !== undefined && value !== null) this.context.route = String(value)
      } else if (value === undefined || value === null) delete target[key]
      else target[key] = String(value)
    }
    this.touch()
  }

  /** Marks the attributes changed (after the route was learnt, say). */
  touch(): void {
    this.#attributes = undefined
    this.version++
  }
}

const storage = new AsyncLocalStorage<RequestScope>()

/** Runs `fn` inside `scope`. */
export function runInScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn)
}

/** The current request's scope, or undefined outside a request. */
export function currentScope(): RequestScope | undefined {
  return storage.getStore()
}

/** The current request's context, or undefined outside a request. */
export function currentContext(): RequestContext | undefined {
  return storage.getStore()?.context
}

const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/

/** The trace id of a W3C `traceparent` header, or undefined when absent or malformed. */
export function traceIdFrom(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header
  const match = value ? TRACEPARENT.exec(value.trim().toLowerCase()) : null
  return match && match[1] !== '0'.repeat(32) ? match[1] : undefined
}
