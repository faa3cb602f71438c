import assert from 'node:assert/strict'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type TestContext, test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import express from 'express'
import { currentContext, init, type RequestContext } from '../src/index.js'
import { lineSink } from './helpers/line-sink.js'

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c'

/**
 * A local-mode SDK and an Express 5 app using `pb.expressMiddleware()`, served
 * on a free port; `build` adds the app's routes. Everything closes when the test ends.
 */
async function setup(t: TestContext, build: (app: express.Express) => void) {
  const pb = init({ service: 'orders', instance: 'pod-1', destination: lineSink().stream })
  t.after(() => pb.close())
  let finished = 0
  const app = express()
  app.use(pb.expressMiddleware())
  // After the prodbench middleware: its own finish listener runs after the duration is recorded.
  app.use((_req, res, next) => {
    res.once('finish', () => finished++)
    next()
  })
  build(app)
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  t.after(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  )
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const request = async (paths: string[], headers: Record<string, string> = {}) => {
    const statuses: number[] = []
    for (const path of paths) {
      const res = await fetch(base + path, { headers })
      await res.text()
      statuses.push(res.status)
    }
    const deadline = Date.now() + 2_000
    while (finished < paths.length && Date.now() < deadline) await sleep(5)
    assert.equal(finished, paths.length, 'the server finished every response')
    finished = 0
    return statuses
  }
  const count = (name: string) => {
    if (!pb.status().metrics.some((m) => m.name === name)) return 0
    const recorder = pb.histogram(name).recorder
    const interval = recorder.cut(Date.now())
    recorder.release(interval)
    return interval.count
  }
  const routes = () =>
    pb
      .status()
      .metrics.map((m) => m.name)
      .filter((n) => n !== 'http.server.duration' && !n.startsWith('prodbench.sdk.'))
      .sort()
  return { request, count, routes }
}

test('http express - a request is recorded under the matched Express route', async (t) => {
  const { request, count, routes } = await setup(t, (app) => {
    app.get('/orders/:id', (req, res) => {
      res.json({ id: req.params.id })
    })
  })
  // "abc" is no id to the default route: only Express's own route puts both under /orders/:id.
  assert.deepEqual(await request(['/orders/42', '/orders/abc']), [200, 200])
  assert.equal(count('http.server.duration.orders-id.2xx'), 2)
  assert.equal(count('http.server.duration'), 2)
  assert.deepEqual(routes(), ['http.server.duration.orders-id.2xx'])
})

test('http express - routes of a mounted router include the mount path', async (t) => {
  const { request, count, routes } = await setup(t, (app) => {
    const router = express.Router()
    router.get('/items/:sku', (_req, res) => {
      res.status(201).end()
    })
    app.use('/api', router)
  })
  assert.deepEqual(await request(['/api/items/blue-shoes']), [201])
  assert.equal(count('http.server.duration.api-items-sku.2xx'), 1)
  assert.deepEqual(routes(), ['http.server.duration.api-items-sku.2xx'])
})

test('http express - an unmatched path falls back to the default route', async (t) => {
  const { request, count } = await setup(t, (app) => {
    app.get('/orders/:id', (_req, res) => {
      res.end()
    })
  })
  assert.deepEqual(await request(['/nowhere/7']), [404])
  assert.equal(count('http.server.duration.nowhere-id.4xx'), 1)
})

test('http express - an error in a handler is recorded as 5xx under its route', async (t) => {
  const { request, count } = await setup(t, (app) => {
    app.get('/orders/:id', () => {
      throw new Error('boom')
    })
    app.use((_err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(500).end('failed')
    })
  })
  assert.deepEqual(await request(['/orders/1']), [500])
  assert.equal(count('http.server.duration.orders-id.5xx'), 1)
})

test('http express - handlers run in the request context', async (t) => {
  let seen: RequestContext | undefined
  const { request } = await setup(t, (app) => {
    app.get('/orders/:id', async (_req, res) => {
      await sleep(2)
      const ctx = currentContext()
      seen = ctx && { ...ctx }
      res.end()
    })
  })
  await request(['/orders/42'], { traceparent: `00-${TRACE_ID}-b7ad6b7169203331-01` })
  assert.equal(seen?.method, 'GET')
  assert.equal(seen?.route, '/orders/:id')
  assert.equal(seen?.traceId, TRACE_ID)
})
