import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createOrdersApp } from '../../examples/fastify/app.js'
import { LEVEL, levelThenOneUser, lineSink, messages, requester, startControl, startSdk } from './rig.js'

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
  const from = logs.mark()
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

  // Quieter, live: the request loggers Fastify makes from now on are at warn. Then debug for one user's
  // requests only: hooks, handler (after the body is parsed) and finish.
  const mine = await levelThenOneUser(control, logs, request)
  assert.equal(mine[1]?.module, 'orders', 'a child made at startup follows the rule too')
  assert.deepEqual(mine[3]?.count, 1, "u-42 sees only u-42's order")
})
