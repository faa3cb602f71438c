import assert from 'node:assert/strict'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type TestContext, test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { currentContext, type HttpMiddlewareOptions, init, type RequestContext } from '../src/index.js'
import { lineSink } from './helpers/line-sink.js'

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736'
const TRACEPARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`

/**
 * A local-mode SDK and a real node:http server wrapped by `pb.httpHandler`,
 * both closed when the test ends. `handler` answers; `served()` counts the
 * responses the server has finished (so their durations are recorded).
 */
async function setup(
  t: TestContext,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  options?: HttpMiddlewareOptions,
) {
  const pb = init({ service: 'checkout', instance: 'pod-1', destination: lineSink().stream })
  t.after(() => pb.close())
  let finished = 0
  const server = createServer(
    pb.httpHandler((req, res) => {
      // Added after the middleware's own listener, so it runs once the duration is recorded.
      res.once('finish', () => finished++)
      handler(req, res)
    }, options),
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.after(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  )
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  /** Sends the requests one after another and waits until the server finished them all. */
  const request = async (...paths: Array<string | [string, RequestInit]>) => {
    const statuses: number[] = []
    for (const p of paths) {
      const [path, init] = typeof p === 'string' ? [p, {}] : p
      const res = await fetch(base + path, init)
      await res.text()
      statuses.push(res.status)
    }
    const deadline = Date.now() + 2_000
    while (finished < paths.length && Date.now() < deadline) await sleep(5)
    assert.equal(finished, paths.length, 'the server finished every response')
    finished = 0
    return statuses
  }
  /** What the histogram `name` recorded since the last look (empty when it does not exist). */
  const take = (name: string) => {
    if (!pb.status().metrics.some((m) => m.name === name)) return { count: 0, min: 0 }
    const recorder = pb.histogram(name).recorder
    const interval = recorder.cut(Date.now())
    const { count, min } = interval
    recorder.release(interval)
    return { count, min }
  }
  const count = (name: string) => take(name).count
  const minOf = (name: string) => take(name).min
  // The SDK's own prodbench.sdk.* instruments are not what these tests look at.
  const names = () =>
    pb
      .status()
      .metrics.map((m) => m.name)
      .filter((n) => !n.startsWith('prodbench.sdk.'))
  return { pb, base, request, count, minOf, names }
}

/** Answers 200 on /cart/..., 404 elsewhere. */
function shop(req: IncomingMessage, res: ServerResponse): void {
  res.statusCode = req.url?.startsWith('/cart/') ? 200 : 404
  res.end('ok')
}

test('http - requests are timed into the total and per route and status class', async (t) => {
  const { request, count, names } = await setup(t, shop)
  assert.deepEqual(await request('/cart/123', '/cart/456', '/products', '/products?q=shoes'), [200, 200, 404, 404])
  assert.equal(count('http.server.duration'), 4)
  assert.equal(count('http.server.duration.cart-id.2xx'), 2, 'numeric ids share one route')
  assert.equal(count('http.server.duration.products.4xx'), 2, 'the query string is not part of the route')
  assert.deepEqual(names().sort(), [
    'http.server.duration',
    'http.server.duration.cart-id.2xx',
    'http.server.duration.products.4xx',
  ])
})

test('http - every status class gets its own histogram', async (t) => {
  const { request, count } = await setup(t, (req, res) => {
    res.statusCode = Number(req.url?.slice(1))
    res.end()
  })
  // Numeric path segments are ids: every path here is the route /:id.
  await request('/201', '/302', '/418', '/503')
  for (const cls of ['2xx', '3xx', '4xx', '5xx']) {
    assert.equal(count(`http.server.duration.id.${cls}`), 1, cls)
  }
})

test('http - durations are recorded in microseconds', async (t) => {
  const { request, minOf, pb } = await setup(t, (_req, res) => {
    setTimeout(() => res.end('slow'), 30)
  })
  await request('/slow')
  assert.equal(pb.histogram('http.server.duration').unit, 'us')
  const min = minOf('http.server.duration.slow.2xx')
  assert.ok(min >= 29_000 && min < 2_000_000, `a 30 ms request recorded ${min} µs`)
})

test('http - the request context has method, route and the traceparent trace id', async (t) => {
  const seen: Array<RequestContext | undefined> = []
  const { request } = await setup(t, async (_req, res) => {
    seen.push(currentContext() && { ...currentContext()! })
    await sleep(5) // the context follows the request across awaits
    seen.push(currentContext() && { ...currentContext()! })
    res.end()
  })
  await request(['/cart/123?x=1', { method: 'POST', headers: { traceparent: TRACEPARENT } }])
  assert.equal(currentContext(), undefined, 'no context outside a request')
  for (const ctx of seen) {
    assert.equal(ctx?.method, 'POST')
    assert.equal(ctx?.route, '/cart/:id')
    assert.equal(ctx?.traceId, TRACE_ID)
  }
  assert.equal(seen.length, 2)
})

test('http - a bad or absent traceparent gives no trace id', async (t) => {
  const seen: Array<string | undefined> = []
  const { request } = await setup(t, (_req, res) => {
    seen.push(currentContext()?.traceId)
    res.end()
  })
  const bad = [
    'garbage',
    `00-${TRACE_ID.slice(1)}-00f067aa0ba902b7-01`, // 31 hex digits
    `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`, // the all-zero trace id is invalid
    `00-${TRACE_ID}-00f067aa0ba902b7`, // no flags
  ]
  await request(...bad.map((traceparent): [string, RequestInit] => ['/x', { headers: { traceparent } }]), '/x')
  assert.deepEqual(seen, [undefined, undefined, undefined, undefined, undefined])
})

test('http - routes beyond 100 distinct ones are recorded as other', async (t) => {
  const { request, count, names } = await setup(t, (_req, res) => res.end())
  const paths = Array.from({ length: 105 }, (_, i) => `/r${i}`)
  await request(...paths)
  await request('/r0', '/r104')
  const routes = names().filter((n) => n !== 'http.server.duration')
  assert.equal(routes.length, 101, '100 routes and other')
  assert.ok(routes.includes('http.server.duration.r99.2xx'))
  assert.ok(!routes.includes('http.server.duration.r100.2xx'))
  assert.equal(count('http.server.duration.other.2xx'), 6, 'routes 100..104, and 104 again')
  assert.equal(count('http.server.duration.r0.2xx'), 2, 'a known route keeps its histogram')
  assert.equal(count('http.server.duration'), 107)
})

test('http - a throwing route option does not break the request', async (t) => {
  const { request, count } = await setup(t, shop, {
    route: () => {
      throw new Error('router exploded')
    },
  })
  assert.deepEqual(await request('/cart/9'), [200])
  assert.equal(count('http.server.duration'), 1)
  assert.equal(count('http.server.duration.cart-id.2xx'), 1, 'recorded under the default route')
})

test('http - the route option names the route, undefined falls back to the default', async (t) => {
  const { request, count } = await setup(t, shop, {
    route: (req) => (req.url?.startsWith('/cart/') ? '/cart/:cartId' : undefined),
  })
  await request('/cart/abc', '/products/7')
  assert.equal(count('http.server.duration.cart-cartId.2xx'), 1)
  assert.equal(count('http.server.duration.products-id.4xx'), 1)
})

test('http - a request the client abandons is still recorded', async (t) => {
  let closed = false
  const { base, count } = await setup(t, (_req, res) => {
    res.once('close', () => {
      closed = true
    })
    setTimeout(() => res.end('too late'), 300)
  })
  // The slowest requests are the ones clients give up on: leaving them out would cut the tail.
  await assert.rejects(fetch(`${base}/cart/1`, { signal: AbortSignal.timeout(50) }))
  const deadline = Date.now() + 2_000
  while (!closed && Date.now() < deadline) await sleep(5)
  await sleep(400) // past the handler's own end, in case the duration is taken then
  assert.ok(closed, 'the server saw the connection close')
  assert.equal(count('http.server.duration'), 1)
})
