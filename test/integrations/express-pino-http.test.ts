import assert from 'node:assert/strict'
import type { Server } from 'node:http'
import { test } from 'node:test'
import { createOrdersApp } from '../../examples/express-pino-http/app.js'
import { LEVEL, levelThenOneUser, lineSink, messages, requester, startControl, startSdk } from './rig.js'

test('express-pino-http - request logs of the adopted logger follow a live level, and a where rule targets one user', async (t) => {
  const control = await startControl(t)
  const pb = startSdk(t, control.natsUrl, 'orders', 'express-1')
  const logs = lineSink()
  const app = createOrdersApp(pb, { destination: logs.stream })
  await pb.ready()
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const request = requester(server)

  // The code's level (info): pino-http's per-request child loggers write their access line.
  const from = logs.mark()
  assert.equal((await request('/orders', 'u-7')).status, 200)
  assert.deepEqual(messages(logs.since(from)), [['request completed', LEVEL.info]])

  // Quieter, live; then debug for one user's requests only: after the body is parsed, and on finish.
  const mine = await levelThenOneUser(control, logs, request, { authorization: 'Bearer s3cret' })
  assert.equal(mine[1]?.module, 'orders', 'a child made before the adoption follows the rule too')
  assert.equal(mine[3]?.count, 1, "u-42 sees only u-42's order")
  const req = mine[4]?.req as { url?: string; headers?: Record<string, string> }
  assert.equal(req?.url, '/orders', "pino-http's serializers still apply")
  assert.equal(req?.headers?.authorization, '[Redacted]', "the app's redaction still applies")
})
