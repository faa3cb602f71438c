import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * What the SDK knows about the request being served: set by the HTTP
 * middleware, readable anywhere in the request's async flow. Rules will
 * target requests by these attributes (route, user, tenant, trace).
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

const storage = new AsyncLocalStorage<RequestContext>()

/** Runs `fn` with `context` as the current request context. */
export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn)
}

/** The current request's context, or undefined outside a request. */
export function currentContext(): RequestContext | undefined {
  return storage.getStore()
}

const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/

/** The trace id of a W3C `traceparent` header, or undefined when absent or malformed. */
export function traceIdFrom(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header
  const match = value ? TRACEPARENT.exec(value.trim().toLowerCase()) : null
  return match && match[1] !== '0'.repeat(32) ? match[1] : undefined
}
