/**
 * Routes become metric name segments: `/cart/:id` → `cart-id`. The set of
 * routes a service reports is bounded, so a router that leaks raw paths
 * (ids, search strings) cannot create a metric per request.
 */

/** Most distinct routes per service; further ones are recorded as `other`. */
export const MAX_ROUTES = 100

const ID_SEGMENT = /^(\d+|[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}|[\da-f]{16,})$/i

/** A default route template for a raw path: numeric, uuid and long hex segments become `:id`. */
export function defaultRoute(url: string | undefined): string {
  const path = (url ?? '/').split('?')[0] ?? '/'
  return (
    path
      .split('/')
      .map((segment) => (ID_SEGMENT.test(segment) ? ':id' : segment))
      .join('/') || '/'
  )
}

/** The metric segment of a route template: `/` → `root`, `/cart/:id` → `cart-id`. */
export function routeToken(route: string): string {
  const token = route
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
  return token || 'root'
}

/** Remembers the routes seen and maps the ones past {@link MAX_ROUTES} to `other`. */
export class RouteSet {
  readonly #tokens = new Map<string, string>()

  /** The metric segment for `route`, bounded. */
  token(route: string): string {
    const known = this.#tokens.get(route)
    if (known !== undefined) return known
    // Past the limit nothing is remembered, so endless distinct paths cost no memory.
    if (this.#tokens.size >= MAX_ROUTES) return 'other'
    const token = routeToken(route)
    this.#tokens.set(route, token)
    return token
  }
}
