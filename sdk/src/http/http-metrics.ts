import type { IncomingMessage, ServerResponse } from 'node:http'
import { type RequestScope, runInScope } from '../context/request-context.js'
import type { Histogram } from '../metrics/histogram.js'
import type { HistogramOptions } from '../metrics/metric-registry.js'
import { defaultRoute, RouteSet } from './route-names.js'

/** Metric of every request's duration (µs); per route and status class under it. */
export const HTTP_SERVER_DURATION = 'http.server.duration'

/** Options of the HTTP middleware. */
export interface HttpMiddlewareOptions {
  /**
   * The route template of a request, for metric names and targeting. Read when
   * the response finishes, so a router may have filled it in by then.
   * @default the path with numeric, uuid and long hex segments as `:id`
   */
  route?: (req: IncomingMessage) => string | undefined
}

type HistogramFactory = (name: string, options?: HistogramOptions) => Histogram
/** Makes the scope a request runs in (context, verified baggage), given its first route guess. */
export type ScopeFactory = (req: IncomingMessage, route: string) => RequestScope

/**
 * Times requests into `http.server.duration` (all requests) and
 * `http.server.duration.<route>.<2xx|3xx|4xx|5xx>`, and runs each request in
 * a request context. Shared by the node:http wrapper and the Express middleware.
 */
export class HttpMetrics {
  readonly #histogram: HistogramFactory
  readonly #all: Histogram
  readonly #routes: RouteSet
  readonly #byRoute = new Map<string, Histogram>()
  readonly #route: (req: IncomingMessage) => string | undefined
  readonly #scope: ScopeFactory

  constructor(
    histogram: HistogramFactory,
    scope: ScopeFactory,
    options: HttpMiddlewareOptions = {},
    routes = new RouteSet(),
  ) {
    this.#histogram = histogram
    this.#scope = scope
    this.#routes = routes
    this.#all = histogram(HTTP_SERVER_DURATION, { unit: 'us' })
    this.#route = options.route ?? ((req) => defaultRoute(req.url))
  }

  /** Runs `next` for this request inside its context and records its duration when it finishes. */
  track(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    const start = process.hrtime.bigint()
    const scope = this.#scope(req, this.#routeOf(req) ?? defaultRoute(req.url))
    const context = scope.context
    let recorded = false
    const done = () => {
      if (recorded) return
      recorded = true
      const micros = Number(process.hrtime.bigint() - start) / 1_000
      // A client that went away before the response ends is "499": these are
      // often the slowest requests, the ones a latency histogram must not lose.
      const status = res.writableFinished ? res.statusCode : 499
      const route = this.#routeOf(req) ?? context.route
      if (route !== context.route) {
        context.route = route
        scope.touch()
      }
      this.#all.record(micros)
      this.#forRoute(route, status).record(micros)
    }
    res.once('finish', done)
    res.once('close', done)
    runInScope(scope, next)
  }

  #routeOf(req: IncomingMessage): string | undefined {
    try {
      return this.#route(req)
    } catch {
      // an app's route function failing must not fail the request
      return undefined
    }
  }

  #forRoute(route: string, status: number): Histogram {
    const name = `${HTTP_SERVER_DURATION}.${this.#routes.token(route)}.${Math.min(Math.max(Math.floor(status / 100), 1), 5)}xx`
    let histogram = this.#byRoute.get(name)
    if (!histogram) {
      histogram = this.#histogram(name, { unit: 'us' })
      this.#byRoute.set(name, histogram)
    }
    return histogram
  }
}

/** The route of a request as Express matched it (`req.baseUrl + req.route.path`), when it did. */
export function expressRoute(req: IncomingMessage): string | undefined {
  const r = req as IncomingMessage & { baseUrl?: string; route?: { path?: unknown } }
  return typeof r.route?.path === 'string' ? `${r.baseUrl ?? ''}${r.route.path}` : undefined
}
