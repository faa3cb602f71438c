/**
 * The HTTP server: request ids, routing, JSON in and out, error mapping and
 * one access-log line per request on the `http` logger. The SDK's
 * `httpHandler` wraps it: every request's duration goes into the
 * `http.server.duration` histogram and into one per route template and status
 * class (`http.server.duration.cart-id.2xx`).
 */

import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Prodbench } from '@prodbench/sdk'
import { PoolTimeoutError } from './db-pool.js'
import { compile, HttpError, match, type Route, readJson } from './http-kit.js'
import { since } from './latency.js'
import type { Logger } from './logger.js'

const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/

/**
 * The route name of requests no route matched (404, 405): one histogram for
 * them all, rather than one per raw path a scanner tries.
 */
export const UNMATCHED_ROUTE = '(unmatched)'

const USER_ID = /^[A-Za-z0-9_-]{1,64}$/

/** Builds the node:http server for `routes`, timed by `pb`. It does not listen yet. */
export function createCheckoutServer(
  routes: readonly Route[],
  log: Logger,
  pb: Pick<Prodbench, 'httpHandler' | 'setContext' | 'readinessHandler'>,
): Server {
  const compiled = routes.map(compile)
  // The route template each request matched (`/cart/:id`), for the per-route histograms.
  const matched = new WeakMap<IncomingMessage, string>()

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const start = performance.now()
    const header = req.headers['x-request-id']
    const reqId = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomBytes(4).toString('hex')
    const method = req.method ?? 'GET'
    const url = new URL(req.url ?? '/', 'http://localhost')
    const path = url.pathname
    // Who the request is for, so `ctl set-level ... --where user=u-7` can
    // target one user. A real service takes it from its authenticated
    // session; the load generator plays signed-in users with this header.
    const user = req.headers['x-user-id']
    if (typeof user === 'string' && USER_ID.test(user)) pb.setContext({ user })
    log.debug({ reqId, method, path, user, userAgent: req.headers['user-agent'] }, 'request received')

    let status = 500
    let body: unknown
    try {
      const { route, params } = match(compiled, method, path)
      matched.set(req, route.pattern)
      // The route template is known now: `--where route=/cart/:id` matches from here on.
      pb.setContext({ route: route.pattern })
      const input = method === 'POST' || method === 'PUT' ? await readJson(req) : undefined
      const reply = await route.handle({ reqId, method, path, params, query: url.searchParams, body: input })
      status = reply.status
      body = reply.body
    } catch (error) {
      if (error instanceof HttpError) {
        status = error.status
        body = { error: error.code, message: error.message }
      } else if (error instanceof PoolTimeoutError) {
        status = 503
        body = { error: 'overloaded', message: 'database busy, try again' }
        log.warn({ reqId, waitedMs: error.waitedMs }, 'database pool exhausted')
      } else {
        status = 500
        body = { error: 'internal', message: 'internal error', reqId }
        log.error({ reqId, err: error }, 'unhandled error')
      }
    }

    const payload = JSON.stringify(body)
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(payload),
      'x-request-id': reqId,
    })
    res.end(payload)
    const fields = { reqId, method, path, status, ms: since(start) }
    if (status >= 500) log.warn(fields, 'request failed')
    else log.info(fields, 'request completed')
  }

  // Readiness for load balancers and Kubernetes: 503 while the instance is quarantined.
  const ready = pb.readinessHandler()
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.url === '/ready') {
      ready(req, res)
      return
    }
    // handle() catches its own errors; this guards against a bug in the guard.
    handle(req, res).catch((error: unknown) => {
      log.error({ err: error }, 'request handler crashed')
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  }
  // The SDK reads the route when the response finishes, after handle() matched it.
  return createServer(pb.httpHandler(listener, { route: (req) => matched.get(req) ?? UNMATCHED_ROUTE }))
}
