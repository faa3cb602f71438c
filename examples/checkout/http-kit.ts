/**
 * The little HTTP toolkit the checkout service needs on bare node:http:
 * route patterns, a JSON body reader with a size limit, and an error type
 * that carries a status code.
 */

import type { IncomingMessage } from 'node:http'

/** An error the client caused or should see: it becomes a JSON response with this status. */
export class HttpError extends Error {
  override name = 'HttpError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** What a handler gets. */
export interface RequestContext {
  /** Per-request id, also in every log line the request causes. */
  reqId: string
  method: string
  path: string
  /** `:name` segments of the route pattern. */
  params: Record<string, string>
  query: URLSearchParams
  /** Parsed JSON body (POST/PUT), or undefined. */
  body: unknown
}

/** What a handler returns. */
export interface Reply {
  status: number
  body: unknown
}

/** One route: method, pattern such as `/cart/:id`, handler. */
export interface Route {
  method: string
  pattern: string
  handle(ctx: RequestContext): Promise<Reply>
}

/** A route with its pattern compiled. */
export interface CompiledRoute extends Route {
  regex: RegExp
}

/** Compiles `:name` segments to named groups. */
export function compile(route: Route): CompiledRoute {
  const source = route.pattern
    .split('/')
    .map((part) => (part.startsWith(':') ? `(?<${part.slice(1)}>[^/]+)` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/')
  return { ...route, regex: new RegExp(`^${source}$`) }
}

/** Finds the route for a request; a path that exists with another method is a 405. */
export function match(
  routes: readonly CompiledRoute[],
  method: string,
  path: string,
): { route: CompiledRoute; params: Record<string, string> } {
  let pathMatched = false
  for (const route of routes) {
    const found = route.regex.exec(path)
    if (!found) continue
    pathMatched = true
    if (route.method === method) return { route, params: { ...found.groups } }
  }
  if (pathMatched) throw new HttpError(405, 'method_not_allowed', `${method} is not allowed on ${path}`)
  throw new HttpError(404, 'not_found', `no route for ${method} ${path}`)
}

/** Largest request body accepted. */
export const MAX_BODY_BYTES = 64 * 1024

/** Reads and parses a JSON body; 413 when too big, 400 when not JSON, undefined when empty. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'body_too_large', `body over ${MAX_BODY_BYTES} bytes`)
    chunks.push(chunk)
  }
  if (size === 0) return undefined
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw new HttpError(400, 'invalid_json', 'body is not valid JSON')
  }
}
