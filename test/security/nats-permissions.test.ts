import assert from 'node:assert/strict'
import { test } from 'node:test'
import { connect, Events, type NatsConnection, StorageType } from 'nats'
import { startSecuredNats } from '../helpers/secured-nats.js'

/**
 * The next error the server reported to `nc`, as the server words it:
 * `Permissions Violation for Publish to "pb.v1.discover"`.
 */
function nextError(nc: NatsConnection): Promise<string> {
  return (async () => {
    for await (const status of nc.status()) {
      if (status.type !== Events.Error) continue
      const context = (status as { permissionContext?: { operation: string; subject: string } }).permissionContext
      if (!context) return String(status.data)
      const operation = context.operation === 'publish' ? 'Publish' : 'Subscription'
      return `Permissions Violation for ${operation} to "${context.subject}"`
    }
    return 'closed without an error'
  })()
}

/** Waits until `seen` holds a message on `subject` (a fence: what was sent before it has arrived). */
async function until(seen: string[], subject: string): Promise<void> {
  while (!seen.includes(subject)) await new Promise((resolve) => setTimeout(resolve, 10))
}

test('nats - SDK credentials cannot publish a control message: the server refuses and nobody receives it', async (t) => {
  const nats = await startSecuredNats(t)
  const cp = await nats.connectAs('control-plane')
  const seen: string[] = []
  // The control plane may hear every prodbench subject: what reaches it shows what got through.
  cp.subscribe('pb.v1.>', { callback: (_err, msg) => seen.push(msg.subject) })
  await cp.flush()
  const sdk = await nats.connectAs('sdk')
  const refused = nextError(sdk)
  sdk.publish('pb.v1.dump.checkout.victim', new Uint8Array([1]))
  assert.match(await refused, /Permissions Violation for Publish to "pb\.v1\.dump\.checkout\.victim"/)
  // Messages from one connection arrive in order: once the heartbeat (allowed) is in, the dump would have been.
  sdk.publish('pb.v1.hb.checkout.fence', new Uint8Array([2]))
  await until(seen, 'pb.v1.hb.checkout.fence')
  assert.deepEqual(seen, ['pb.v1.hb.checkout.fence'])
  for (const subject of ['pb.v1.discover', 'pb.v1.check.checkout.x', 'pb.v1.inspect.checkout.x']) {
    const error = nextError(sdk)
    sdk.publish(subject)
    assert.match(await error, new RegExp(`Permissions Violation for Publish to "${subject.replaceAll('.', '\\.')}"`))
  }
})

test('nats - SDK credentials cannot write desired state: the KV put is refused and the value stays', async (t) => {
  const nats = await startSecuredNats(t)
  const cp = await nats.connectAs('control-plane')
  const cpKv = await cp.jetstream().views.kv('prodbench_desired', { history: 10, storage: StorageType.File })
  await cpKv.put('checkout', new Uint8Array([1, 2, 3]))
  const sdk = await nats.connectAs('sdk')
  const kv = await sdk.jetstream().views.kv('prodbench_desired', { bindOnly: true })
  // Reading is what an SDK does: allowed.
  assert.deepEqual([...((await kv.get('checkout'))?.value ?? [])], [1, 2, 3])
  await assert.rejects(kv.put('checkout', new Uint8Array([6, 6, 6])), (err: Error) => {
    assert.match(err.message, /Permissions Violation for Publish to "\$KV\.prodbench_desired\.checkout"/)
    return true
  })
  await assert.rejects(kv.delete('checkout'), /Permissions Violation/)
  // Nor through the JetStream API: no stream management.
  const jsm = await sdk.jetstreamManager({ checkAPI: false })
  await assert.rejects(jsm.streams.purge('KV_prodbench_desired'), /Permissions Violation/)
  assert.deepEqual([...((await cpKv.get('checkout'))?.value ?? [])], [1, 2, 3])
})

test('nats - an SDK reads and watches its desired state with its own inbox prefix', async (t) => {
  const nats = await startSecuredNats(t)
  const cp = await nats.connectAs('control-plane')
  const cpKv = await cp.jetstream().views.kv('prodbench_desired', { history: 10, storage: StorageType.File })
  const sdk = await nats.connectAs('sdk')
  const kv = await sdk.jetstream().views.kv('prodbench_desired', { bindOnly: true })
  const watch = await kv.watch({ key: 'checkout' })
  t.after(() => watch.stop())
  const revisions: number[] = []
  const done = (async () => {
    for await (const entry of watch) {
      revisions.push(entry.revision)
      if (revisions.length === 2) return
    }
  })()
  await cpKv.put('checkout', new Uint8Array([1]))
  await cpKv.put('checkout', new Uint8Array([2]))
  await done
  assert.equal(revisions.length, 2)
})

test("nats - neither role may subscribe to the other's inboxes", async (t) => {
  const nats = await startSecuredNats(t)
  const sdk = await nats.connectAs('sdk')
  const sdkError = nextError(sdk)
  sdk.subscribe('_INBOX_CP.>')
  assert.match(await sdkError, /Permissions Violation for Subscription to "_INBOX_CP\.>"/)
  const cp = await nats.connectAs('control-plane')
  const cpError = nextError(cp)
  cp.subscribe('_INBOX_SDK.>')
  assert.match(await cpError, /Permissions Violation for Subscription to "_INBOX_SDK\.>"/)
})

test('nats - a client with no credentials, or an unknown nkey, cannot connect', async (t) => {
  const nats = await startSecuredNats(t)
  await assert.rejects(connect({ servers: nats.url, reconnect: false }), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'AUTHORIZATION_VIOLATION')
    return true
  })
  await assert.rejects(connect({ servers: nats.url, reconnect: false, user: 'prodbench-sdk', pass: 'guess' }), {
    code: 'AUTHORIZATION_VIOLATION',
  })
})

test('nats - the SDK answers a dump request from the control plane (allow_responses), over _INBOX_CP', async (t) => {
  const nats = await startSecuredNats(t)
  const sdk = await nats.connectAs('sdk')
  sdk.subscribe('pb.v1.dump.checkout.i1', { callback: (_err, msg) => msg.respond(new Uint8Array([42])) })
  await sdk.flush()
  const cp = await nats.connectAs('control-plane')
  const reply = await cp.request('pb.v1.dump.checkout.i1', new Uint8Array(), { timeout: 5_000 })
  assert.deepEqual([...reply.data], [42])
  // Incidents go the other way: the SDK asks, the control plane answers.
  cp.subscribe('pb.v1.incident.>', { callback: (_err, msg) => msg.respond(new Uint8Array([7])) })
  await cp.flush()
  const ack = await sdk.request('pb.v1.incident.checkout.i1', new Uint8Array([1]), { timeout: 5_000 })
  assert.deepEqual([...ack.data], [7])
})
