import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { type TestContext, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { startControlPlane } from '../control-plane/src/index.js'
import { eventually, startInstance } from './helpers/fleet.js'
import { controlPlaneClient } from './helpers/grpc.js'
import { startTestNats } from './helpers/nats-server.js'
import { startTcpProxy } from './helpers/tcp-proxy.js'

const CTL = fileURLToPath(new URL('../control-plane/bin/ctl.js', import.meta.url))

/** Runs the real ctl binary; resolves with its exit code and output. */
function ctl(server: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CTL, ...args],
      { env: { ...process.env, PRODBENCH_SERVER: server, NO_COLOR: '1' }, timeout: 30_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}

async function fleetOfTwo(t: TestContext) {
  const nats = await startTestNats(t)
  const cp = await startControlPlane({ nats: nats.url, grpc: '127.0.0.1:0' })
  t.after(() => cp.close())
  const fleet = ['a', 'b'].map((id) => startInstance({ service: 'checkout', instance: id, nats: nats.url }, t))
  await Promise.all(fleet.map((i) => i.pb.ready()))
  const client = controlPlaneClient(cp.grpcAddress, t)
  await eventually(async () => ((await client.listInstances({ service: 'checkout' }))?.instances?.length ?? 0) === 2)
  return { cp, fleet }
}

test('ctl - set-level prints how many instances applied it, status shows why', async (t) => {
  const { cp, fleet } = await fleetOfTwo(t)
  const set = await ctl(
    cp.grpcAddress,
    'set-level',
    'svc=checkout',
    'debug',
    'logger=db',
    '--ttl',
    '15m',
    '--reason',
    'e2e',
  )
  assert.equal(set.code, 0, set.stderr)
  assert.match(set.stdout, /debug on checkout\/db: applied on 2\/2 instances in \d+ ms \(expires \d\d:\d\d:\d\d\)/)
  for (const i of fleet) assert.equal(i.pb.logger('db').level, 'debug')

  const status = await ctl(cp.grpcAddress, 'status', 'svc=checkout')
  assert.equal(status.code, 0, status.stderr)
  for (const id of ['a', 'b']) assert.match(status.stdout, new RegExp(`\\b${id}\\b`))
  assert.match(status.stdout, /db\s+debug/)

  const ls = await ctl(cp.grpcAddress, '--json', 'ls')
  assert.equal(ls.code, 0, ls.stderr)
  const doc = JSON.parse(ls.stdout)
  assert.ok(JSON.stringify(doc).includes('checkout'))

  const reset = await ctl(cp.grpcAddress, 'reset', 'svc=checkout')
  assert.equal(reset.code, 0, reset.stderr)
  for (const i of fleet) assert.equal(i.pb.logger('db').level, 'info')
})

test('ctl - a typo exits 2 with a message and usage', async (t) => {
  const { cp } = await fleetOfTwo(t)
  const bad = await ctl(cp.grpcAddress, 'set-level', 'svc=checkout', 'loud')
  assert.equal(bad.code, 2)
  assert.match(bad.stderr, /loud/)
  assert.match(bad.stderr, /usage/i)
  const unknown = await ctl(cp.grpcAddress, 'set-levle', 'svc=checkout', 'debug')
  assert.equal(unknown.code, 2)
  assert.match(unknown.stderr, /set-levle/)
})

test('ctl - exit 1 and the missing instance when not all applied within --wait', async (t) => {
  const nats = await startTestNats(t)
  const cp = await startControlPlane({ nats: nats.url, grpc: '127.0.0.1:0' })
  t.after(() => cp.close())
  const proxy = await startTcpProxy(nats.port, t)
  const near = startInstance({ service: 'checkout', instance: 'near', nats: nats.url, heartbeatIntervalMs: 5_000 }, t)
  const far = startInstance({ service: 'checkout', instance: 'far', nats: proxy.url, heartbeatIntervalMs: 5_000 }, t)
  await Promise.all([near.pb.ready(), far.pb.ready()])
  const client = controlPlaneClient(cp.grpcAddress, t)
  await eventually(async () => ((await client.listInstances({ service: 'checkout' }))?.instances?.length ?? 0) === 2)
  await proxy.cut() // no goodbye: the registry still counts "far" as live for three heartbeats
  const partial = await ctl(cp.grpcAddress, 'set-level', 'svc=checkout', 'debug', '--wait', '500ms')
  assert.equal(partial.code, 1, partial.stdout + partial.stderr)
  assert.match(partial.stdout + partial.stderr, /applied on 1\/2 instances/)
  assert.match(partial.stdout + partial.stderr, /far/)
})
