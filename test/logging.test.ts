import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type TestContext, test } from 'node:test'
import { credentials } from '@grpc/grpc-js'
import { grpcPackage } from '@prodbench/proto'
import { startControlPlane } from '../control-plane/src/index.js'
import { eventually, startInstance, type TestInstance } from './helpers/fleet.js'
import { controlPlaneClient } from './helpers/grpc.js'
import { startTestNats } from './helpers/nats-server.js'

const DEBUG = 20
const KEY = 'test-fleet-propagation-key-0001'

async function setup(t: TestContext) {
  const nats = await startTestNats(t)
  const cp = await startControlPlane({ nats: nats.url, grpc: '127.0.0.1:0' })
  t.after(() => cp.close())
  const client = controlPlaneClient(cp.grpcAddress, t)
  return { nats, cp, client }
}

async function listen(t: TestContext, server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** checkout → payments, both embedding the SDK; checkout learns the user from a header. */
async function twoServices(t: TestContext, natsUrl: string) {
  const payments = startInstance({ service: 'payments', instance: 'p1', nats: natsUrl, propagationKey: KEY }, t)
  const payLog = payments.pb.logger('charge')
  const paymentsUrl = await listen(
    t,
    createServer(
      payments.pb.httpHandler((_req, res) => {
        payLog.debug('charging card')
        res.end('charged')
      }),
    ),
  )
  const checkout = startInstance({ service: 'checkout', instance: 'c1', nats: natsUrl, propagationKey: KEY }, t)
  const log = checkout.pb.logger('orders')
  const checkoutUrl = await listen(
    t,
    createServer(
      checkout.pb.httpHandler(async (req, res) => {
        checkout.pb.setContext({ user: String(req.headers['x-user-id']) })
        log.debug('placing order')
        const paid = await checkout.pb.fetch(paymentsUrl)
        await paid.text()
        res.end('ordered')
      }),
    ),
  )
  await Promise.all([payments.pb.ready(), checkout.pb.ready()])
  return { payments, checkout, paymentsUrl, checkoutUrl }
}

const debugMessages = (instance: TestInstance, logger: string) => instance.linesOf(logger, DEBUG).map((l) => l.msg)

test('where - debug for user=42 only, followed into a downstream service through baggage', async (t) => {
  const { nats, client } = await setup(t)
  const { payments, checkout, paymentsUrl, checkoutUrl } = await twoServices(t, nats.url)
  const res = await client.setRule({
    rule: { selector: { service: 'checkout', where: { user: '42' } }, level: 'debug', ttlMs: 600_000 },
    waitMs: 5_000,
  })
  assert.equal(res?.rollout?.complete, true)

  for (const user of ['7', '42', '9']) {
    const reply = await fetch(checkoutUrl, { headers: { 'x-user-id': user } })
    assert.equal(await reply.text(), 'ordered')
  }
  assert.deepEqual(debugMessages(checkout, 'orders'), ['placing order'], 'one debug line, for user 42')
  assert.deepEqual(debugMessages(payments, 'charge'), ['charging card'], 'payments logs the same request at debug')

  // A client cannot forge the decision: baggage without a valid signature is ignored.
  await (
    await fetch(paymentsUrl, { headers: { baggage: 'prodbench=trace.zzzzzzzz.r1.AAAAAAAAAAAAAAAAAAAAAA' } })
  ).text()
  assert.equal(debugMessages(payments, 'charge').length, 1)

  const status = checkout.pb.status()
  assert.deepEqual(
    status.logs.rules.map((r) => [r.kind, r.level, r.where]),
    [['level', 'debug', { user: '42' }]],
  )
})

test('sample and budget - rules from the control plane apply and the drops reach status', async (t) => {
  const { nats, client } = await setup(t)
  const instance = startInstance({ service: 'checkout', instance: 'c1', nats: nats.url, heartbeatIntervalMs: 200 }, t)
  await instance.pb.ready()
  const db = instance.pb.logger('db')
  await client.setRule({ rule: { selector: { service: 'checkout', logger: 'db' }, level: 'debug' }, waitMs: 5_000 })
  const sampled = await client.setRule({
    rule: { selector: { service: 'checkout', logger: 'db' }, sample: { level: 'debug', rate: 0.1 } },
    waitMs: 5_000,
  })
  assert.equal(sampled?.rollout?.complete, true)
  for (let i = 0; i < 5_000; i++) db.debug('row fetched')
  const kept = instance.linesOf('db', DEBUG)
  // Binomial(5000, 0.1): mean 500, sd ~21; 6 sd either side.
  assert.ok(Math.abs(kept.length - 500) < 6 * 21.2, `kept ${kept.length}`)
  assert.ok(kept.every((line) => line.sampleRate === 0.1))

  const budget = await client.setRule({
    rule: { selector: { service: 'checkout' }, budget: { recordsPerSec: 50 } },
    waitMs: 5_000,
  })
  assert.equal(budget?.rollout?.complete, true)
  const before = instance.lines.length
  for (let i = 0; i < 1_000; i++) instance.pb.logger('http').info('request')
  assert.ok(instance.lines.length - before <= 50, `wrote ${instance.lines.length - before}`)

  await eventually(
    async () => {
      const status = await client.getStatus({ service: 'checkout' })
      const logs = status?.instances?.[0]?.applied?.logs
      const dropped = logs?.dropped?.find((d) => d.logger === 'http' && d.level === 'info')?.count ?? 0
      const out = logs?.sampledOut?.find((d) => d.logger === 'db' && d.level === 'debug')?.count ?? 0
      return logs?.budgetRecordsPerSec === 50 && dropped >= 950 && out > 4_000
    },
    5_000,
    'ctl status shows the budget, its drops and the sampled-out records',
  )
})

test("record - an error in a request writes that request's earlier debug lines beside it", async (t) => {
  const { nats, client } = await setup(t)
  const instance = startInstance({ service: 'checkout', instance: 'c1', nats: nats.url }, t)
  const log = instance.pb.logger('orders')
  const url = await listen(
    t,
    createServer(
      instance.pb.httpHandler((req, res) => {
        const id = req.url?.slice(1) ?? ''
        log.debug({ id }, 'loading cart')
        log.debug({ id }, 'pricing')
        if (id === 'bad') log.error({ id }, 'pricing failed')
        res.end(id)
      }),
    ),
  )
  await instance.pb.ready()
  const res = await client.setRule({
    rule: { selector: { service: 'checkout' }, record: { level: 'debug' }, ttlMs: 60_000 },
    waitMs: 5_000,
  })
  assert.equal(res?.rollout?.complete, true)
  for (const id of ['good', 'bad', 'good2']) await (await fetch(`${url}/${id}`)).text()
  assert.deepEqual(
    instance.lines.filter((l) => l.logger === 'orders').map((l) => [l.msg, l.id, l.recorded ?? false]),
    [
      ['loading cart', 'bad', true],
      ['pricing', 'bad', true],
      ['pricing failed', 'bad', false],
    ],
  )
  // The good requests' lines were kept, not written: a dump returns them.
  const dumped = instance.pb.flightRecords({ last: 100, logger: 'orders' }).map((line) => JSON.parse(line))
  assert.deepEqual(
    dumped.map((r) => r.id),
    ['good', 'good', 'bad', 'bad', 'bad', 'good2', 'good2'],
  )
})

test('tail - streams records from 3 instances through the control plane and ends when the viewer leaves', async (t) => {
  const { nats, cp, client } = await setup(t)
  const fleet = ['a', 'b', 'c'].map((id) => startInstance({ service: 'checkout', instance: id, nats: nats.url }, t))
  await Promise.all(fleet.map((i) => i.pb.ready()))
  await eventually(
    async () => (await client.listInstances({ service: 'checkout' }))?.instances?.length === 3,
    5_000,
    '3 live',
  )
  const raw = new grpcPackage.prodbench.v1.ControlPlane(cp.grpcAddress, credentials.createInsecure())
  t.after(() => raw.close())
  const stream = raw.tail({ selector: { service: 'checkout', logger: 'db' }, level: 'debug', ttlMs: 60_000 })
  const seen = new Map<string, string[]>()
  let tailId = ''
  stream.on('data', (event: { tailId?: string; instance?: string; records?: string[] }) => {
    tailId ||= event.tailId ?? ''
    if (!event.instance) return
    const list = seen.get(event.instance) ?? []
    list.push(...(event.records ?? []).map((r) => JSON.parse(r).msg))
    seen.set(event.instance, list)
  })
  stream.on('error', () => {})
  await eventually(async () => tailId !== '', 5_000, 'the tail started')
  await eventually(
    async () => {
      for (const instance of fleet) instance.pb.logger('db').debug(`query from ${instance.pb.instance}`)
      return seen.size === 3
    },
    10_000,
    'records from all 3 instances',
  )
  for (const instance of fleet) {
    assert.ok(seen.get(instance.pb.instance)?.includes(`query from ${instance.pb.instance}`))
    assert.equal(instance.linesOf('db', DEBUG).length, 0, 'the tail does not touch the instance output')
  }
  stream.cancel()
  await eventually(
    async () => !((await client.listRules({ service: 'checkout' }))?.rules ?? []).some((r) => r.id === tailId),
    5_000,
    'the tail rule removed when the viewer left',
  )
  await eventually(
    async () => fleet.every((i) => i.pb.status().logs.rules.length === 0),
    5_000,
    'instances stop tailing',
  )
})
