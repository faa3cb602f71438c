import assert from 'node:assert/strict'
import { type TestContext, test } from 'node:test'
import type { Rule } from '@prodbench/sdk/core'
import { DESIRED_STATE_BUCKET } from '@prodbench/sdk/core'
import { startTestNats } from '../../test/helpers/nats-server.js'
import { ConflictError, CorruptStateError, UnavailableError } from '../src/errors.js'
import { connectNats } from '../src/nats/index.js'
import { DesiredStore, type StoreBucket } from '../src/state/desired-store.js'

async function openStore(t: TestContext) {
  const nats = await startTestNats(t)
  const link = await connectNats({ servers: nats.url, name: 'test' })
  t.after(() => link.close())
  const kv = await link.openKv(DESIRED_STATE_BUCKET, { history: 10, replicas: 1 })
  return { nats, link, kv, store: new DesiredStore(kv) }
}

function rule(id: string, extra: Partial<Rule> = {}): Rule {
  return { id, selector: { service: 'checkout' }, level: 'debug', createdAt: 1, author: 'test', ...extra }
}

const addRule = (r: Rule) => (current: { state: { service: string; rules: Rule[] } }) => ({
  state: { ...current.state, rules: [...current.state.rules, r] },
  result: r.id,
})

test('desired-store - concurrent changes to one service are all kept (no lost update)', async (t) => {
  const { kv } = await openStore(t)
  // Separate stores, as separate requests (or control-plane replicas) would be.
  const ids = Array.from({ length: 8 }, (_, i) => `r-${i}`)
  await Promise.all(ids.map((id) => new DesiredStore(kv, { maxAttempts: 20 }).change('checkout', addRule(rule(id)))))
  const { state, revision } = await new DesiredStore(kv).read('checkout')
  assert.deepEqual(state.rules.map((r) => r.id).sort(), ids)
  assert.equal(revision, 8)
})

test('desired-store - a service never written reads as no rules at revision 0', async (t) => {
  const { store } = await openStore(t)
  assert.deepEqual(await store.read('checkout'), { state: { service: 'checkout', rules: [] }, revision: 0 })
})

test('desired-store - garbage bytes in the key are reported as PB_CORRUPT_STATE, not a crash', async (t) => {
  const { kv, store } = await openStore(t)
  const revision = await kv.write('checkout', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]), 0)
  await assert.rejects(store.read('checkout'), (err: unknown) => {
    assert.ok(err instanceof CorruptStateError)
    assert.equal(err.code, 'PB_CORRUPT_STATE')
    assert.match(
      err.message,
      new RegExp(`checkout \\(KV revision ${revision}\\) is not valid: not a valid DesiredState`),
    )
    return true
  })
  await assert.rejects(store.change('checkout', addRule(rule('r-1'))), CorruptStateError)
})

test('desired-store - a decodable value that breaks the schema is reported with the field path', async (t) => {
  const { kv, store } = await openStore(t)
  const { codecs } = await import('@prodbench/proto')
  const bad = codecs.desiredState.encode({ service: 'checkout', rules: [{ ...rule('r-1'), level: 'loud' }] })
  await kv.write('checkout', bad, 0)
  await assert.rejects(store.read('checkout'), /rules\.0\.level/)
})

test('desired-store - resetCorrupt starts a corrupt service over from an empty state', async (t) => {
  const { kv, store } = await openStore(t)
  await kv.write('checkout', new Uint8Array([0xff, 0x01]), 0)
  const change = await store.change('checkout', (current) => ({ state: current.state, result: 0 }), {
    resetCorrupt: true,
  })
  assert.equal(change.written, true)
  assert.deepEqual((await store.read('checkout')).state.rules, [])
})

test('desired-store - expired rules are pruned when the state is written', async (t) => {
  const { kv } = await openStore(t)
  let now = 1_000
  const store = new DesiredStore(kv, { now: () => now })
  await store.change('checkout', addRule(rule('r-old', { expiresAt: 2_000 })))
  now = 3_000
  await store.change('checkout', addRule(rule('r-new')))
  const { state } = await store.read('checkout')
  assert.deepEqual(
    state.rules.map((r) => r.id),
    ['r-new'],
  )
  assert.equal(state.updatedAt, 3_000)
})

test('desired-store - a change that asks for no write leaves the revision alone', async (t) => {
  const { store } = await openStore(t)
  await store.change('checkout', addRule(rule('r-1')))
  const change = await store.change('checkout', () => ({ state: undefined, result: 'nothing' }))
  assert.equal(change.written, false)
  assert.equal(change.revision, 1)
})

test('desired-store - losing every compare-and-set gives PB_CONFLICT after the bounded attempts', async () => {
  let writes = 0
  const alwaysBehind: StoreBucket = {
    get: async () => undefined,
    write: async () => {
      writes++
      throw new ConflictError('the key changed since it was read')
    },
    keys: async () => [],
  }
  const store = new DesiredStore(alwaysBehind, { maxAttempts: 3 })
  await assert.rejects(store.change('checkout', addRule(rule('r-1'))), (err: unknown) => {
    assert.ok(err instanceof ConflictError)
    assert.match(err.message, /changed concurrently 3 times/)
    return true
  })
  assert.equal(writes, 3)
})

test('desired-store - with NATS down a read fails with PB_UNAVAILABLE after the reconnect grace', async (t) => {
  const { nats, link, store } = await openStore(t)
  await store.change('checkout', addRule(rule('r-1')))
  const disconnected = new Promise<void>((resolve) => link.onStatus((e) => e === 'disconnect' && resolve()))
  await nats.stop()
  await disconnected
  const started = Date.now()
  await assert.rejects(store.read('checkout'), (err: unknown) => {
    assert.ok(err instanceof UnavailableError)
    assert.match(err.message, /is not connected \(reconnecting\); reading checkout failed/)
    return true
  })
  const waited = Date.now() - started
  assert.ok(waited >= 1_900 && waited < 4_000, `failed after ${waited} ms`)
})

test('desired-store - a read during a nats-server restart waits for the reconnect and succeeds', async (t) => {
  const { nats, link, store } = await openStore(t)
  await store.change('checkout', addRule(rule('r-1')))
  const disconnected = new Promise<void>((resolve) => link.onStatus((e) => e === 'disconnect' && resolve()))
  await nats.stop()
  await disconnected
  const reading = store.read('checkout')
  await nats.restart()
  assert.deepEqual(
    (await reading).state.rules.map((r) => r.id),
    ['r-1'],
  )
})
