import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Permission, Principal } from './auth.js'

/** What a route handler gets: the request, its path parameters and query, and who is calling. */
export interface RouteContext {
  readonly request: IncomingMessage
  readonly response: ServerResponse
  /** Path parameters, decoded (`:service` → `params.service`). */
  readonly params: Readonly<Record<string, string>>
  readonly query: URLSearchParams
  readonly principal: Principal
}

/**
 * A route: method, path pattern (`/api/v1/services/:service`), the permission
 * it needs, and its handler. A handler returns a JSON-able value (answered
 * 200 as JSON), or undefined when it answered itself (SSE, files).
 */
export interface Route {
  readonly method: 'GET' | 'POST' | 'DELETE'
  readonly path: string
  readonly permission: Permission
  readonly handle: (context: RouteContext) => Promise<unknown> | unknown
}

/** A route that matched a path, with its parameters. */
export interface Match {
  readonly route: Route
  readonly params: Record<string, string>
}

/** Finds routes by path: `match` answers the route for a method, and which methods the path has. */
export class Router {
  readonly #routes: Array<{ route: Route; parts: string[] }>

  constructor(routes: readonly Route[]) {
    this.#routes = routes.map((route) => ({ route, parts: route.path.split('/') }))
  }

  /** The route for `method` and `path`; `allowed` lists the methods the path has when none matched. */
  match(method: string, path: string): { match?: Match; allowed: string[] } {
    const parts = path.split('/')
    const allowed: string[] = []
    for (const { route, parts: pattern } of this.#routes) {
      const params = matchParts(pattern, parts)
      if (!params) continue
      if (route.method === method) return { match: { route, params }, allowed }
      allowed.push(route.method)
    }
    return { allowed }
  }
}

function matchParts(pattern: readonly string[], parts: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined
  const params: Record<string, string> = {}
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i] as string
    const got = parts[i] as string
    if (want.startsWith(':')) {
      if (got === '') return undefined
      try {
        params[want.slice(1)] = decodeURIComponent(got)
      } catch {
        return undefined
      }
    } else if (want !== got) return undefined
  }
  return params
}
