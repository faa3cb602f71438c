import assert from 'node:assert/strict'
import { test } from 'node:test'
import { codecs } from '@prodbench/proto'
import { connect } from 'nats'
import { startControlPlane } from '../control-plane/src/index.js'
import { eventually, startInstance } from './helpers/fleet.js'
import { controlPlaneClient } from './helpers/grpc.js'
import { startTestNats } from './helpers/nats-server.js'
import { startTcpProxy } from './helpers/tcp-proxy.js'

test('expiry - a rule reverts on time with the control plane stopped', async (t) => {
  const nats = await startTestNats(t)
  const cp = await startControlPlane({ nats: nats.url, grpc: '127.0.0.1:0' })
  t.after(() => cp.close())
  const one = startInstance({ service: 'checkout', instance: 'one', nats: nats.url }, t)
  await one.pb.ready()
  const client = controlPlaneClient(cp.grpcAddress, t)
  await eventually(async () => ((await client.listInstances({ service: 'checkout' }))?.instances?.length ?? 0) === 1)
  const res = await client.setRule({
    rule: { selector: { service: 'checkout', logger: 'db' }, level: 'debug', ttlMs: 1_200 },
  })
  assert.equal(res?.rollout?.complete, true)
  assert.equal(one.pb.logger('db').level, 'debug')

  client.close()
  await cp.close()
  await nats.stop() // NATS gone too: only the SDK's own timer is left
  await eventually(() => one.pb.logger('db').level === 'info', 3_000, 'revert to the code default')
  const db = one.pb.status().loggers.find((l) => l.logger === 'db')
  assert.deepEqual(db?.source, { kind: 'code' })
})

test('restart - a control-plane restart loses no rule', async (t) => {
  const nats = await startTestNats(t)
  const first = await startControlPlane({ nats: nats.url, grpc: '127.0.0.1:0' })
  const client = controlPlaneClient(first.grpcAddress)
  const made = await client.setRule({
    rule: { selector: { service: 'checkout', logger: 'db' }, level: 'debug', reason: 'keep me' },
  })
  client.close()
  await first.close()

  const second = await startControlPlane({ nats: nats.url, grpc: '127.0.0.1:0' })
  t.after(() => second.close())
  const again = controlPlaneClient(second.grpcAddress, t)
  const rules = await again.listRules({ service: 'checkout' })
  assert.deepEqual(
    rules?.rules?.map((r) => [r.id, r.level, r.reason]),
    [[made?.rules?.[0]?.id, 'debug', 'keep me']],
  )
  const one = startInstance({ service: 'checkout', instance: 'one', nats: nats.url }, t)
  await one.pb.ready()
  assert.equal(one.pb.logger('db').level, 'debug')
})

test('restart - instances resync after a nats-server restart on the same store', async (t) => {
  const nats = await startTestNats(t)
  const cp = await startControlPlane({ nats: nats.url, grpc: '127.0.0.1:0' })
  t.after(() => cp.close())
  const client = controlPlaneClient(cp.grpcAddress, t)
  const fleet = ['a', 'b'].map((id) => startInstance({ service: 'checkout', instance: id, nats: nats.url }, t))
  await Promise.all(fleet.map((i) => i.pb.ready()))
  await client.setRule({ rule: { selector: { service: 'checkout', logger: 'db' }, level: 'debug' } })

  await nats.restart()
  await eventually(() => fleet.every((i) => i.pb.status().reconnects >= 1), 10_000, 'instances reconnected')
  await eventually(
    async () => ((await client.listInstances({ service: 'checkout' }))?.instances?.length ?? 0) === 2,
    10_000,
  )
  const res = await client.setRule({
    rule: { selector: { service: 'checkout', logger: 'db' }, level: 'warn' },
    waitMs: 8_000,
  })
  assert.equal(res?.rollout?.complete, true, `rollout after restart: ${JSON.stringify(res?.rollout)}`)
  for (const i of fleet) assert.equal(i.pb.logger('db').level, 'warn')
})

test('reconnect - an instance cut off while a rule changes applies it after reconnecting', async (t) => {
  const nats = await startTestNats(t)
  const cp = await startControlPlane({ nats: nats.url, grpc: '127.0.0.1:0' })
  t.after(() => cp.close())
  const client = controlPlaneClient(cp.grpcAddress, t)
  const proxy = await startTcpProxy(nats.port, t)
  const near = startInstance({ service: 'checkout', instance: 'near', nats: nats.url }, t)
  const far = startInstance({ service: 'checkout', instance: 'far', nats: proxy.url }, t)
  await Promise.all([near.pb.ready(), far.pb.ready()])
  await eventually(async () => ((await client.listInstances({ service: 'checkout' }))?.instances?.length ?? 0) === 2)

  await proxy.cut()
  await eventually(() => far.pb.status().connection === 'disconnected', 5_000, 'far disconnected')
  const res = await client.setRule({
    rule: { selector: { service: 'checkout', logger: 'db' }, level: 'debug' },
    waitMs: 500,
  })
  assert.deepEqual(res?.rollout?.applied, ['near'])
  assert.deepEqual(res?.rollout?.pending, ['far'], 'the cut-off instance is reported as not applied')
  far.pb.logger('db').debug('lost')
  assert.equal(far.linesOf('db', 20).length, 0)

  await proxy.restore()
  await eventually(() => far.pb.logger('db').level === 'debug', 10_000, 'far applies the rule after reconnecting')
  far.pb.logger('db').debug('seen')
  assert.deepEqual(
    far.linesOf('db', 20).map((l) => l.msg),
    ['seen'],
  )
})

test('bad state - garbage in KV is rejected, counted, and the service keeps logging', async (t) => {
  const nats = await startTestNats(t)
  const cp = await startControlPlane({ nats: nats.url, grpc: '127.0.0.1:0' })
  t.after(() => cp.close())
  const client = controlPlaneClient(cp.grpcAddress, t)
  await client.setRule({ rule: { selector: { service: 'checkout', logger: 'db' }, level: 'debug' } })
  const one = startInstance({ service: 'checkout', instance: 'one', nats: nats.url }, t)
  await one.pb.ready()
  assert.equal(one.pb.logger('db').level, 'debug')

  const nc = await connect({ servers: nats.url })
  t.after(() => nc.close())
  const kv = await nc.jetstream().views.kv('prodbench_desired')
  const acks: Array<ReturnType<typeof codecs.ack.decode>> = []
  nc.subscribe('pb.v1.ack.checkout.one', { callback: (_err, msg) => acks.push(codecs.ack.decode(msg.data)) })
  await nc.flush()
  const garbage = await kv.put('checkout', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]))
  const schemaBad = await kv.put(
    'checkout',
    codecs.desiredState.encode({
      service: 'checkout',
      rules: [{ id: 'x', selector: { service: 'checkout' }, level: 'loud', createdAt: 1, author: 'me' }],
    }),
  )

  await eventually(() => one.pb.status().rejected.count === 2, 3_000, 'two rejections')
  const status = one.pb.status()
  assert.equal(status.rejected.lastRevision, schemaBad)
  assert.match(status.rejected.lastReason ?? '', /rules\.0\.level/)
  assert.equal(one.pb.logger('db').level, 'debug', 'the last good config stays')
  one.pb.logger('http').info('still logging')
  assert.ok(one.lines.some((l) => l.msg === 'still logging'))
  await eventually(() => acks.length >= 2, 3_000, 'refusals acked')
  assert.deepEqual(
    acks.map((a) => [a.revision, a.ok ?? false]),
    [
      [garbage, false],
      [schemaBad, false],
    ],
  )
  assert.match(acks[0]?.error ?? '', /not a valid DesiredState/)
})
