import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createOrdersApp } from '../../examples/fastify/app.js'
import { LEVEL, lineSink, messages, requester, startControl, startSdk } from './rig.js'

test('fastify - request logs of the adopted logger follow a live level, and a where rule targets one user', async (t) => {
  const control = await startControl(t)
  const pb = startSdk(t, control.natsUrl, 'orders', 'fastify-1')
  const logs = lineSink()
  const app = createOrdersApp(pb, { destination: logs.stream })
  t.after(() => app.close())
  await pb.ready()
  await app.listen({ port: 0, host: '127.0.0.1' })
  const request = requester(app.server)

  // The code's level (info): Fastify's per-request child loggers write their access lines.
  let from = logs.mark()
  assert.equal((await request('/orders', 'u-7')).status, 200)
  assert.deepEqual(messages(logs.since(from)), [
    ['incoming request', LEVEL.info],
    ['request completed', LEVEL.info],
  ])
  assert.deepEqual(
    pb.status().loggers.find((l) => l.logger === 'http'),
    { logger: 'http', level: 'info', source: { kind: 'code' } },
    'the adopted logger is listed with the level it came with',
  )

  // Quieter, live: the request loggers Fastify makes from now on are at warn.
  await control.setRule({ selector: { service: 'orders', logger: 'http' }, level: 'warn', ttlMs: 600_000 })
  from = logs.mark()
  await request('/orders', 'u-7')
  await request('/orders', 'u-7', { method: 'POST', body: { item: 'tea', quantity: 2 } })
  assert.deepEqual(messages(logs.since(from)), [], 'nothing below warn')

  // Debug for one user's requests only: hooks, handler (after the body is parsed) and finish.
  await control.setRule({ selector: { service: 'orders', where: { user: 'u-42' } }, level: 'debug', ttlMs: 600_000 })
  from = logs.mark()
  await request('/orders', 'u-7', { method: 'POST', body: { item: 'tea', quantity: 1 } })
  await request('/orders', 'u-7')
  assert.deepEqual(messages(logs.since(from)), [], "another user's requests stay at warn")
  const placed = await request('/orders', 'u-42', {
    method: 'POST',
    body: { item: 'coffee', quantity: 3 },
    chunked: true,
  })
  assert.equal(placed.status, 201)
  await request('/orders', 'u-42')
  const mine = logs.since(from)
  assert.deepEqual(messages(mine), [
    ['placing order', LEVEL.debug],
    ['order placed', LEVEL.info],
    ['request completed', LEVEL.info],
    ['listing orders', LEVEL.debug],
    ['request completed', LEVEL.info],
  ])
  assert.equal(mine[1]?.module, 'orders', 'a child made at startup follows the rule too')
  assert.deepEqual(mine[3]?.count, 1, "u-42 sees only u-42's order")
})
