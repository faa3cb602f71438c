import assert from 'node:assert/strict'
import { type TestContext, test } from 'node:test'
import { startControlPlane } from '../control-plane/src/index.js'
import { eventually, startInstance } from './helpers/fleet.js'
import { controlPlaneClient } from './helpers/grpc.js'
import { startTestNats } from './helpers/nats-server.js'

const DEBUG = 20

async function setup(t: TestContext) {
  const nats = await startTestNats(t)
  const cp = await startControlPlane({ nats: nats.url, grpc: '127.0.0.1:0' })
  t.after(() => cp.close())
  const client = controlPlaneClient(cp.grpcAddress, t)
  return { nats, cp, client }
}

async function liveInstances(client: ReturnType<typeof controlPlaneClient>, service: string) {
  const res = await client.listInstances({ service })
  return res?.instances?.length ?? 0
}

test('set-level - reaches 3 instances and is acked by all', async (t) => {
  const { nats, client } = await setup(t)
  const fleet = ['a', 'b', 'c'].map((id) => startInstance({ service: 'checkout', instance: id, nats: nats.url }, t))
  await Promise.all(fleet.map((i) => i.pb.ready()))
  await eventually(async () => (await liveInstances(client, 'checkout')) === 3, 5_000, '3 live instances')
  const dbs = fleet.map((i) => i.pb.logger('db'))
  for (const log of dbs) log.debug('before')

  const res = await client.setRule({
    rule: { selector: { service: 'checkout', logger: 'db' }, level: 'debug', ttlMs: 60_000, reason: 'test' },
    waitMs: 5_000,
  })
  assert.equal(res?.rollout?.complete, true)
  assert.deepEqual([...(res?.rollout?.applied ?? [])].sort(), ['a', 'b', 'c'])
  assert.deepEqual(res?.rollout?.pending ?? [], [])
  const rule = res?.rules?.[0]
  assert.equal(rule?.level, 'debug')
  assert.equal(rule?.author, 'tester@test')

  for (const log of dbs) log.debug('after')
  for (const instance of fleet) {
    assert.deepEqual(
      instance.linesOf('db', DEBUG).map((l) => l.msg),
      ['after'],
      `${instance.pb.instance} logs db debug only after the change`,
    )
    const db = instance.pb.status().loggers.find((l) => l.logger === 'db')
    assert.equal(db?.level, 'debug')
    assert.equal(db?.source.kind === 'rule' && db.source.ruleId, rule?.id)
    // other loggers stay at the code default
    assert.equal(instance.pb.logger('http').isLevelEnabled('debug'), false)
  }

  const status = await client.getStatus({ service: 'checkout' })
  const applied = status?.instances?.map((i) => i.applied?.levels?.find((l) => l.logger === 'db')?.source?.ruleId)
  assert.deepEqual(applied, [rule?.id, rule?.id, rule?.id], 'status shows the provenance of every instance')
})

test('set-level - a late instance starts at the current level', async (t) => {
  const { nats, client } = await setup(t)
  await client.setRule({ rule: { selector: { service: 'checkout' }, level: 'debug' }, waitMs: 100 })
  const late = startInstance({ service: 'checkout', instance: 'late', nats: nats.url }, t)
  await late.pb.ready()
  late.pb.logger('payments').debug('first line')
  assert.deepEqual(
    late.linesOf('payments', DEBUG).map((l) => l.msg),
    ['first line'],
    'the first debug line after ready() is emitted',
  )
  assert.equal(late.pb.status().synced, true)
})

test('set-level - two concurrent changes to one service are both kept', async (t) => {
  const { nats, client } = await setup(t)
  const one = startInstance({ service: 'checkout', instance: 'one', nats: nats.url }, t)
  await one.pb.ready()
  await eventually(async () => (await liveInstances(client, 'checkout')) === 1)
  const loggers = ['db', 'http', 'payments', 'db.pool', 'cache', 'queue']
  const results = await Promise.all(
    loggers.map((logger) =>
      client.setRule({ rule: { selector: { service: 'checkout', logger }, level: 'trace' }, waitMs: 5_000 }),
    ),
  )
  assert.equal(
    new Set(results.map((r) => r?.rollout?.revision)).size,
    loggers.length,
    'each change has its own revision',
  )
  const rules = await client.listRules({ service: 'checkout' })
  assert.deepEqual(rules?.rules?.map((r) => r.selector?.logger).sort(), [...loggers].sort())
  await eventually(() => loggers.every((name) => one.pb.logger(name).isLevelEnabled('trace')), 3_000, 'all applied')
})

test('set-level - a second rule on the same selector replaces the first; reset removes it', async (t) => {
  const { nats, client } = await setup(t)
  const one = startInstance({ service: 'checkout', instance: 'one', nats: nats.url }, t)
  await one.pb.ready()
  await eventually(async () => (await liveInstances(client, 'checkout')) === 1)
  const first = await client.setRule({ rule: { selector: { service: 'checkout', logger: 'db' }, level: 'debug' } })
  const second = await client.setRule({ rule: { selector: { service: 'checkout', logger: 'db' }, level: 'trace' } })
  assert.deepEqual(second?.replacedIds, [first?.rules?.[0]?.id])
  assert.equal(one.pb.logger('db').level, 'trace')
  const reset = await client.removeRules({ service: 'checkout', logger: 'db' })
  assert.equal(reset?.rules?.length, 1)
  assert.equal(reset?.rollout?.complete, true)
  assert.equal(one.pb.logger('db').level, 'info')
})

test('set-level - an invalid request is refused with INVALID_ARGUMENT naming the field', async (t) => {
  const { client } = await setup(t)
  await assert.rejects(
    client.setRule({ rule: { selector: { service: 'check.out' }, level: 'debug' } }),
    (err: { code?: number; details?: string }) => err.code === 3 && /selector\.service/.test(err.details ?? ''),
  )
  await assert.rejects(
    client.setRule({ rule: { selector: { service: 'checkout' }, level: 'loud' } }),
    (err: { code?: number; details?: string }) => err.code === 3 && /level/.test(err.details ?? ''),
  )
})

test('status - a logger created after start shows in GetStatus without waiting for a heartbeat', async (t) => {
  const { nats, client } = await setup(t)
  const one = startInstance({ service: 'checkout', instance: 'one', nats: nats.url, heartbeatIntervalMs: 60_000 }, t)
  await one.pb.ready()
  await eventually(async () => (await liveInstances(client, 'checkout')) === 1)
  one.pb.logger('inventory.sync')
  await eventually(
    async () => {
      const status = await client.getStatus({ service: 'checkout' })
      return status?.instances?.[0]?.applied?.levels?.some((l) => l.logger === 'inventory.sync') ?? false
    },
    2_000,
    'the new logger in status',
  )
})
