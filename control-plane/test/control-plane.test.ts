import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { status } from '@grpc/grpc-js'
import { DESIRED_STATE_BUCKET } from '@prodbench/sdk/core'
import { startTestNats } from '../../test/helpers/nats-server.js'
import { ProdbenchError, startControlPlane } from '../src/index.js'
import { connectNats } from '../src/nats/index.js'
import { connectClient } from './fixtures/grpc-client.js'
import { grpcFailure, startTestControlPlane } from './fixtures/test-control-plane.js'

test('control plane - a restart on the same NATS loses no rule', async (t) => {
  const nats = await startTestNats(t)
  const first = await startControlPlane({ nats: nats.url, grpc: '127.0.0.1:0' })
  const client = connectClient(first.grpcAddress)
  const added = await client.setRule({ rule: { selector: { service: 'checkout', logger: 'db' }, level: 'debug' } })
  client.close()
  await first.close()
  await first.close() // idempotent

  const { client: again } = await startTestControlPlane(t, { nats })
  const listed = await again.listRules({ service: 'checkout' })
  assert.deepEqual(
    listed.rules?.map((r) => r.id),
    [added.rules?.[0]?.id],
  )
  assert.equal(listed.revision, 1)
})

test('control plane - with NATS down changes fail with UNAVAILABLE, and work again once it is back', async (t) => {
  const { nats, client } = await startTestControlPlane(t)
  await client.setRule({ rule: { selector: { service: 'checkout' }, level: 'debug' } })
  await nats.stop()
  const started = Date.now()
  const failure = grpcFailure(
    await client.setRule({ rule: { selector: { service: 'checkout' }, level: 'info' } }).catch((e) => e),
  )
  assert.equal(failure.code, status.UNAVAILABLE)
  assert.equal(failure.pbCode, 'PB_UNAVAILABLE')
  assert.ok(Date.now() - started < 6_000, 'answered within the JetStream timeout')
  await nats.restart()
  const deadline = Date.now() + 10_000
  let listed: Awaited<ReturnType<typeof client.listRules>> | undefined
  while (!listed && Date.now() < deadline) {
    listed = await client.listRules({ service: 'checkout' }).catch(async () => {
      await new Promise((resolve) => setTimeout(resolve, 100))
      return undefined
    })
  }
  assert.equal(listed?.rules?.length, 1)
})

test('control plane - a corrupt desired state is DATA_LOSS for reads, skipped by ListServices, reset by removing all', async (t) => {
  const { nats, client, warnings } = await startTestControlPlane(t)
  const link = await connectNats({ servers: nats.url, name: 'vandal' })
  t.after(() => link.close())
  const kv = await link.openKv(DESIRED_STATE_BUCKET, { history: 10, replicas: 1 })
  await kv.write('checkout', new TextEncoder().encode('not protobuf at all'), 0)

  const failure = grpcFailure(await client.listRules({ service: 'checkout' }).catch((e) => e))
  assert.equal(failure.code, status.DATA_LOSS)
  assert.match(failure.details, /desired state of checkout \(KV revision 1\) is not valid/)
  const services = await client.listServices({})
  assert.deepEqual(
    services.services?.map((s) => s.service),
    ['checkout'],
  )
  assert.match(warnings.join('\n'), /checkout/)

  await client.removeRules({ service: 'checkout' })
  assert.deepEqual((await client.listRules({ service: 'checkout' })).rules ?? [], [])
})

test('control plane - bad options are PB_INVALID_OPTIONS naming the field and value', async () => {
  await assert.rejects(startControlPlane({ grpc: 'localhost' }), (err: unknown) => {
    assert.ok(err instanceof ProdbenchError)
    assert.equal(err.code, 'PB_INVALID_OPTIONS')
    assert.match(err.message, /^grpc: must be HOST:PORT.*\(got "localhost"\)/)
    return true
  })
  await assert.rejects(startControlPlane({ defaultWaitMs: -1 }), /^InvalidOptionsError: defaultWaitMs: .*\(got -1\)/)
})

test('control plane - an unreachable NATS fails the start with PB_UNAVAILABLE', async () => {
  await assert.rejects(startControlPlane({ nats: 'nats://127.0.0.1:1', grpc: '127.0.0.1:0' }), (err: unknown) => {
    assert.ok(err instanceof ProdbenchError)
    assert.equal(err.code, 'PB_UNAVAILABLE')
    assert.match(err.message, /cannot connect to NATS at nats:\/\/127\.0\.0\.1:1/)
    return true
  })
})

test('control plane - a taken gRPC port fails the start with PB_GRPC_BIND and stops the embedded server', async (t) => {
  const { cp } = await startTestControlPlane(t)
  const dataDir = await mkdtemp(join(tmpdir(), 'prodbench-cp-'))
  t.after(() => rm(dataDir, { recursive: true, force: true }))
  await assert.rejects(startControlPlane({ dataDir, grpc: cp.grpcAddress }), (err: unknown) => {
    assert.ok(err instanceof ProdbenchError)
    assert.equal(err.code, 'PB_GRPC_BIND')
    assert.match(err.message, new RegExp(`cannot listen for gRPC on ${cp.grpcAddress}`))
    return true
  })
  assert.equal(natsServersUsing(dataDir), 0)
})

test('control plane - without a NATS URL it runs an embedded nats-server in the data dir', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'prodbench-cp-'))
  t.after(() => rm(dataDir, { recursive: true, force: true }))
  const cp = await startControlPlane({ dataDir, grpc: '127.0.0.1:0' })
  t.after(() => cp.close())
  assert.match(cp.natsUrl, /^nats:\/\/127\.0\.0\.1:\d+$/)
  assert.equal(cp.embeddedNats?.storeDir, join(dataDir, 'nats'))
  const client = connectClient(cp.grpcAddress)
  t.after(() => client.close())
  const res = await client.setRule({ rule: { selector: { service: 'checkout' }, level: 'warn' } })
  assert.equal(res.rollout?.complete, true)
  assert.equal(natsServersUsing(dataDir), 1)
  await cp.close()
  assert.equal(natsServersUsing(dataDir), 0)
})

/** nats-server processes whose command line mentions `dir`. */
function natsServersUsing(dir: string): number {
  const ps = spawnSync('pgrep', ['-f', `nats-server.*${dir}`], { encoding: 'utf8' })
  return ps.stdout.split('\n').filter(Boolean).length
}
