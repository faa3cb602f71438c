import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { metricNameProblem } from '../src/core/index.js'
import { defaultRoute, MAX_ROUTES, RouteSet, routeToken } from '../src/http/route-names.js'

test('http route names - ids in a path become :id', () => {
  const cases: Array<[string | undefined, string]> = [
    ['/cart/123', '/cart/:id'],
    ['/cart/123?coupon=x', '/cart/:id'],
    ['/users/550e8400-e29b-41d4-a716-446655440000/orders/7', '/users/:id/orders/:id'],
    ['/blobs/deadbeefdeadbeef01', '/blobs/:id'],
    ['/blobs/deadbeef', '/blobs/deadbeef'], // short hex is a word, not an id
    ['/products/blue-shoes', '/products/blue-shoes'],
    ['/', '/'],
    ['', '/'],
    [undefined, '/'],
  ]
  for (const [url, route] of cases) assert.equal(defaultRoute(url), route, String(url))
})

test('http route names - a route becomes one valid metric segment', () => {
  const cases: Array<[string, string]> = [
    ['/cart/:id', 'cart-id'],
    ['/', 'root'],
    ['/api/v1/items/:sku', 'api-v1-items-sku'],
    ['/search/ä ö?', 'search'],
    [`/${'a'.repeat(100)}`, 'a'.repeat(64)],
  ]
  for (const [route, token] of cases) {
    assert.equal(routeToken(route), token, route)
    assert.equal(metricNameProblem(`http.server.duration.${routeToken(route)}.2xx`), undefined)
  }
})

test('http route names - the first MAX_ROUTES routes keep their token, later ones are other', () => {
  const routes = new RouteSet()
  for (let i = 0; i < MAX_ROUTES; i++) assert.equal(routes.token(`/r${i}`), `r${i}`)
  assert.equal(routes.token('/late'), 'other')
  assert.equal(routes.token('/r0'), 'r0', 'a known route keeps its token')
  assert.equal(routes.token('/late'), 'other')
})

test('http route names - endless distinct paths past the limit do not grow memory', () => {
  // A scanner hitting random paths (or a router leaking raw paths) must not
  // cost memory per path once the route limit is reached.
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  const routes = new RouteSet()
  for (let i = 0; i < MAX_ROUTES; i++) routes.token(`/known/${i}`)
  gc()
  const before = process.memoryUsage().heapUsed
  for (let i = 0; i < 200_000; i++) routes.token(`/scan/${i.toString(36)}-probe.php`)
  gc()
  const grown = process.memoryUsage().heapUsed - before
  assert.equal(routes.token('/scan/x-probe.php'), 'other')
  assert.ok(grown < 4 * 1024 * 1024, `200k paths past the limit kept ${(grown / 1024 / 1024).toFixed(1)} MB`)
})
