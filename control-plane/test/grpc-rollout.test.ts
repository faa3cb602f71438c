import assert from 'node:assert/strict'
import { type TestContext, test } from 'node:test'
import { startFakeInstance } from './fixtures/fake-instance.js'
import { startTestControlPlane, type TestSetup } from './fixtures/test-control-plane.js'

async function fleet(
  t: TestContext,
  setup: TestSetup,
  specs: Array<{ instance: string; refuse?: string; silent?: boolean }>,
) {
  const instances = await Promise.all(
    specs.map((spec) => startFakeInstance(setup.nats.url, { service: 'checkout', intervalMs: 10_000, ...spec })),
  )
  for (const instance of instances) t.after(() => instance.close())
  await until(() => setup.cp.stats().instances === specs.length)
  return instances
}

/** Waits (bounded) for a condition fed by NATS messages. */
async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

test('rollout over NATS - SetRule answers once every live instance acked the revision', async (t) => {
  const setup = await startTestControlPlane(t)
  const [a, b] = await fleet(t, setup, [{ instance: 'a' }, { instance: 'b' }])
  const res = await setup.client.setRule({
    rule: { selector: { service: 'checkout' }, level: 'debug' },
    waitMs: 10_000,
  })
  assert.deepEqual(res.rollout?.applied, ['a', 'b'])
  assert.deepEqual(res.rollout?.pending ?? [], [])
  assert.equal(res.rollout?.complete, true)
  assert.equal(res.rollout?.revision, 1)
  assert.ok((res.rollout?.elapsedMs ?? 0) < 5_000, `took ${res.rollout?.elapsedMs} ms`)
  assert.equal(a?.applied, 1)
  assert.equal(b?.applied, 1)
})

test('rollout over NATS - a refusing instance is reported as rejected with its reason', async (t) => {
  const setup = await startTestControlPlane(t)
  await fleet(t, setup, [{ instance: 'a' }, { instance: 'b', refuse: 'unknown logger' }])
  const res = await setup.client.setRule({ rule: { selector: { service: 'checkout' }, level: 'debug' } })
  assert.deepEqual(res.rollout?.applied, ['a'])
  assert.deepEqual(res.rollout?.rejected, ['b: unknown logger'])
  assert.deepEqual(res.rollout?.pending ?? [], [])
})

test('rollout over NATS - an instance that never acks is pending when wait_ms ends', async (t) => {
  const setup = await startTestControlPlane(t)
  await fleet(t, setup, [{ instance: 'a' }, { instance: 'hung', silent: true }])
  const res = await setup.client.setRule({ rule: { selector: { service: 'checkout' }, level: 'debug' }, waitMs: 300 })
  assert.deepEqual(res.rollout?.applied, ['a'])
  assert.deepEqual(res.rollout?.pending, ['hung'])
  assert.equal(res.rollout?.complete ?? false, false)
  assert.ok((res.rollout?.elapsedMs ?? 0) >= 290)
})

test('rollout over NATS - an instance that leaves during the wait stops being waited for', async (t) => {
  const setup = await startTestControlPlane(t)
  const [, hung] = await fleet(t, setup, [{ instance: 'a' }, { instance: 'hung', silent: true }])
  const pending = setup.client.setRule({ rule: { selector: { service: 'checkout' }, level: 'info' }, waitMs: 20_000 })
  setTimeout(() => void hung?.close(), 100)
  const res = await pending
  assert.deepEqual(res.rollout?.applied, ['a'])
  assert.equal(res.rollout?.complete, true)
  assert.ok((res.rollout?.elapsedMs ?? 0) < 10_000)
})

test('registry over NATS - ListServices, ListInstances and GetStatus show the live fleet', async (t) => {
  const setup = await startTestControlPlane(t)
  await fleet(t, setup, [{ instance: 'a' }, { instance: 'b' }])
  await setup.client.setRule({ rule: { selector: { service: 'payments' }, level: 'warn' } })
  await setup.client.setRule({ rule: { selector: { service: 'checkout', logger: 'db' }, level: 'debug' } })

  const services = await setup.client.listServices({})
  assert.deepEqual(
    services.services?.map((s) => [s.service, s.instances ?? 0, s.rules ?? 0]),
    [
      ['checkout', 2, 1],
      ['payments', 0, 1],
    ],
  )
  const instances = await setup.client.listInstances({})
  assert.deepEqual(
    instances.instances?.map((i) => `${i.identity?.service}/${i.identity?.instance}`),
    ['checkout/a', 'checkout/b'],
  )
  const status = await setup.client.getStatus({ service: 'checkout' })
  assert.equal(status.revision, 2)
  assert.equal(status.rules?.[0]?.selector?.logger, 'db')
  assert.deepEqual(
    status.instances?.map((i) => [i.identity?.instance, i.applied?.revision]),
    [
      ['a', 2],
      ['b', 2],
    ],
  )
})

test('registry over NATS - a control plane started after the instances finds them through discovery', async (t) => {
  const first = await startTestControlPlane(t)
  await fleet(t, first, [{ instance: 'a' }])
  const second = await startTestControlPlane(t, { nats: first.nats })
  await until(() => second.cp.stats().instances === 1)
  const instances = await second.client.listInstances({ service: 'checkout' })
  assert.equal(instances.instances?.[0]?.identity?.instance, 'a')
})

test('registry over NATS - garbage on the heartbeat and ack subjects is counted, not fatal', async (t) => {
  const setup = await startTestControlPlane(t)
  const { connect } = await import('nats')
  const nc = await connect({ servers: setup.nats.url })
  t.after(() => nc.close())
  nc.publish('pb.v1.hb.checkout.x', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]))
  nc.publish('pb.v1.ack.checkout.x', new Uint8Array([0x0a, 0xff]))
  nc.publish('pb.v1.hb.too.many.tokens.here', new Uint8Array())
  await nc.flush()
  await until(() => setup.cp.stats().rejected === 3)
  assert.match(setup.cp.stats().lastRejection ?? '', /malformed subject/)
  await fleet(t, setup, [{ instance: 'a' }])
  const res = await setup.client.setRule({ rule: { selector: { service: 'checkout' }, level: 'debug' } })
  assert.deepEqual(res.rollout?.applied, ['a'])
})
