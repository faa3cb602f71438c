import assert from 'node:assert/strict'
import { test } from 'node:test'
import { startControlPlane } from '../../control-plane/src/index.js'
import { eventually, startInstance } from '../helpers/fleet.js'
import { controlPlaneClient } from '../helpers/grpc.js'
import { startTestNats } from '../helpers/nats-server.js'

const METRIC = 'http.server.duration'

test('replicas - two control planes on one NATS: changes through either are applied and acked once, concurrent ones both kept, one survives the other', async (t) => {
  const nats = await startTestNats(t)
  const [one, two] = await Promise.all([
    startControlPlane({ nats: nats.url, grpc: '127.0.0.1:0' }),
    startControlPlane({ nats: nats.url, grpc: '127.0.0.1:0' }),
  ])
  t.after(() => one.close())
  t.after(() => two.close())
  const a = controlPlaneClient(one.grpcAddress, t)
  const b = controlPlaneClient(two.grpcAddress, t)
  const fleet = ['x', 'y', 'z'].map((id) => startInstance({ service: 'checkout', instance: id, nats: nats.url }, t))
  await Promise.all(fleet.map((i) => i.pb.ready()))
  for (const client of [a, b]) {
    await eventually(async () => (await client.listInstances({ service: 'checkout' }))?.instances?.length === 3)
  }

  // Each replica hears every ack: a change through either one is complete on all three, each counted once.
  const viaA = await a.setRule({ rule: { selector: { service: 'checkout', logger: 'db' }, level: 'debug' } })
  const viaB = await b.setRule({ rule: { selector: { service: 'checkout', logger: 'http' }, level: 'warn' } })
  for (const res of [viaA, viaB]) {
    assert.equal(res?.rollout?.complete, true)
    assert.deepEqual([...(res?.rollout?.applied ?? [])].sort(), ['x', 'y', 'z'])
  }
  assert.ok((viaB?.rollout?.revision ?? 0) > (viaA?.rollout?.revision ?? 0))

  // Concurrent changes through both replicas to one service: compare-and-set keeps every one.
  const loggers = ['l1', 'l2', 'l3', 'l4', 'l5', 'l6']
  await Promise.all(
    loggers.map((logger, n) =>
      (n % 2 ? a : b).setRule({ rule: { selector: { service: 'checkout', logger }, level: 'trace' }, waitMs: 5_000 }),
    ),
  )
  const [rulesA, rulesB] = await Promise.all([
    a.listRules({ service: 'checkout' }),
    b.listRules({ service: 'checkout' }),
  ])
  assert.deepEqual(
    rulesA?.rules?.map((r) => r.id),
    rulesB?.rules?.map((r) => r.id),
    'both read the same rules',
  )
  assert.deepEqual(rulesA?.rules?.map((r) => r.selector?.logger).sort(), ['db', 'http', ...loggers].sort())
  for (const i of fleet) for (const logger of loggers) assert.equal(i.pb.logger(logger).level, 'trace')

  // A capture set through one replica is merged by both.
  for (const i of fleet) {
    const h = i.pb.histogram(METRIC)
    const timer = setInterval(() => h.record(400), 20)
    t.after(() => clearInterval(timer))
  }
  await a.setRule({
    rule: { selector: { service: 'checkout' }, capture: { metric: METRIC, intervalMs: 1_000 }, ttlMs: 60_000 },
    waitMs: 5_000,
  })
  const window = async (client: typeof a) =>
    (await client.getHistogram({ service: 'checkout', metric: METRIC, windows: 1 }).catch(() => undefined))?.merged
  await eventually(async () => (await window(b))?.instances?.length === 3, 5_000, 'replica two merges the capture')
  const [wa, wb] = await Promise.all([window(a), window(b)])
  if (wa?.endMs === wb?.endMs) assert.equal(wa?.count, wb?.count, 'the same window, the same merge')

  // One replica gone: the other carries on alone.
  await one.close()
  const after = await b.setRule({ rule: { selector: { service: 'checkout', logger: 'db' }, level: 'info' } })
  assert.equal(after?.rollout?.complete, true)
  assert.equal(after?.rollout?.applied?.length, 3)
  assert.equal(two.stats().rejected, 0, 'nothing refused: no double or stray acks')
})
