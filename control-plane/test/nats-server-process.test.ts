import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type TestContext, test } from 'node:test'
import { DESIRED_STATE_BUCKET } from '@prodbench/sdk/core'
import { startTestNats } from '../../test/helpers/nats-server.js'
import { ProdbenchError, startNatsServer } from '../src/index.js'
import { connectNats } from '../src/nats/index.js'

async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'prodbench-nsp-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  return dir
}

test('nats-server - restart keeps the port and the JetStream data, and clients reconnect', async (t) => {
  const nats = await startTestNats(t)
  assert.equal(nats.url, `nats://127.0.0.1:${nats.port}`)
  const link = await connectNats({ servers: nats.url, name: 'test' })
  t.after(() => link.close())
  const kv = await link.openKv(DESIRED_STATE_BUCKET, { history: 10, replicas: 1 })
  const revision = await kv.write('checkout', new Uint8Array([1, 2, 3]), 0)

  const reconnected = new Promise<void>((resolve) => link.onStatus((e) => e === 'reconnect' && resolve()))
  await nats.restart()
  await reconnected
  const entry = await kv.get('checkout')
  assert.equal(entry?.revision, revision)
  assert.deepEqual([...(entry?.value ?? [])], [1, 2, 3])
})

test('nats-server - stop is idempotent', async (t) => {
  const nats = await startTestNats(t)
  await Promise.all([nats.stop(), nats.stop()])
  await nats.stop()
  await assert.rejects(connectNats({ servers: nats.url, name: 'test' }), /cannot connect/)
})

test('nats-server - a missing binary is PB_NATS_SERVER_MISSING saying how to install it', async (t) => {
  const storeDir = await tempDir(t)
  await assert.rejects(startNatsServer({ storeDir, binary: '/nonexistent/nats-server' }), (err: unknown) => {
    assert.ok(err instanceof ProdbenchError)
    assert.equal(err.code, 'PB_NATS_SERVER_MISSING')
    assert.match(err.message, /apt-get install -y nats-server/)
    assert.match(err.message, /github\.com\/nats-io\/nats-server\/releases/)
    return true
  })
})

test('nats-server - a taken port is PB_NATS_SERVER_START with the server output', async (t) => {
  const blocker = createServer()
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
  t.after(() => new Promise<void>((resolve) => blocker.close(() => resolve())))
  const port = (blocker.address() as { port: number }).port
  const storeDir = await tempDir(t)
  await assert.rejects(startNatsServer({ storeDir, port }), (err: unknown) => {
    assert.ok(err instanceof ProdbenchError)
    assert.equal(err.code, 'PB_NATS_SERVER_START')
    assert.match(err.message, /exited before it was ready/)
    assert.match(err.message, /address already in use/)
    return true
  })
})

test('nats-server - a bad port is refused before anything is spawned', async (t) => {
  const storeDir = await tempDir(t)
  await assert.rejects(startNatsServer({ storeDir, port: 70_000 }), /port must be an integer 0-65535 \(got 70000\)/)
})
