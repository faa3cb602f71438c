import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { type TestContext, test } from 'node:test'
import type { TailEventMessage } from '@prodbench/proto'
import { eventually, startInstance } from '../helpers/fleet.js'
import { createToken, grpcAs, type SecuredControlPlane, startSecuredControlPlane } from './secured-control-plane.js'

/** SDK instances of this test find their NATS credentials where services do: the environment. */
function sdkEnv(plane: SecuredControlPlane, t: Pick<TestContext, 'after'>): void {
  const before = process.env.PRODBENCH_NATS_NKEY
  process.env.PRODBENCH_NATS_NKEY = plane.nats.sdk.nkeyFile
  t.after(() => {
    if (before === undefined) delete process.env.PRODBENCH_NATS_NKEY
    else process.env.PRODBENCH_NATS_NKEY = before
  })
}

/** Opens a tail and collects its records until cancelled (when the test ends). */
function follow(
  client: ReturnType<typeof grpcAs>,
  request: Parameters<ReturnType<typeof grpcAs>['tail']>[0],
  t: TestContext,
) {
  const records: string[] = []
  const stream = client.tail(request)
  stream.on('data', (event: TailEventMessage) => records.push(...(event.records ?? [])))
  stream.on('error', () => {})
  t.after(() => stream.cancel())
  return records
}

test('redaction - pino redact paths set in code hold in tails and dumps, whatever level is turned on remotely', async (t) => {
  const plane = await startSecuredControlPlane(t)
  sdkEnv(plane, t)
  const app = startInstance(
    { service: 'checkout', instance: 'c1', nats: plane.nats.url, pino: { redact: ['password', 'card.number'] } },
    t,
  )
  await app.pb.ready()
  const admin = grpcAs(plane, plane.adminToken, t)
  await admin.setRule({ rule: { selector: { service: 'checkout' }, level: 'trace', ttlMs: 600_000 }, waitMs: 5_000 })
  const records = follow(admin, { selector: { service: 'checkout' }, level: 'trace' }, t)
  const db = app.pb.logger('db')
  await eventually(
    () => {
      db.trace({ password: 'hunter2', card: { number: '4111111111111111', brand: 'visa' } }, 'login')
      return records.some((r) => r.includes('"msg":"login"'))
    },
    10_000,
    'a tailed login record',
  )
  const tailed = records.find((r) => r.includes('"msg":"login"')) as string
  assert.equal(JSON.parse(tailed).password, '[Redacted]')
  assert.deepEqual(JSON.parse(tailed).card, { number: '[Redacted]', brand: 'visa' })
  const dump = await admin.dump({ service: 'checkout', instance: 'c1', last: 1_000 })
  const dumped = JSON.stringify(dump)
  assert.ok(dumped.includes('login'), 'the dump holds the records')
  for (const text of [tailed, dumped, JSON.stringify(records)]) {
    assert.ok(!text.includes('hunter2') && !text.includes('4111111111111111'), text.slice(0, 300))
  }
})

test('redaction - viewers get --viewer-redact attributes replaced in tails and dumps; operators see them', async (t) => {
  const plane = await startSecuredControlPlane(t, {
    security: { viewerRedact: ['user', 'email'] },
    http: '127.0.0.1:0',
  })
  sdkEnv(plane, t)
  const app = startInstance({ service: 'checkout', instance: 'c1', nats: plane.nats.url }, t)
  await app.pb.ready()
  const viewer = grpcAs(plane, await createToken(plane, 'vera', 'viewer'), t)
  const operator = grpcAs(plane, await createToken(plane, 'otto', 'operator'), t)
  const seenByViewer = follow(viewer, { selector: { service: 'checkout' }, level: 'info' }, t)
  const seenByOperator = follow(operator, { selector: { service: 'checkout' }, level: 'info' }, t)
  const log = app.pb.logger('orders')
  await eventually(
    () => {
      log.info({ user: 'u-42', order: { email: 'ann@example.com', total: 12 } }, 'order placed')
      return [seenByViewer, seenByOperator].every((seen) => seen.some((r) => r.includes('order placed')))
    },
    10_000,
    'both tails',
  )
  const viewed = JSON.parse(seenByViewer.find((r) => r.includes('order placed')) as string)
  assert.equal(viewed.user, '[Redacted]')
  assert.deepEqual(viewed.order, { email: '[Redacted]', total: 12 })
  const operated = JSON.parse(seenByOperator.find((r) => r.includes('order placed')) as string)
  assert.equal(operated.user, 'u-42')
  const viewerDump = JSON.stringify(await viewer.dump({ service: 'checkout', last: 1_000 }))
  const operatorDump = JSON.stringify(await operator.dump({ service: 'checkout', last: 1_000 }))
  assert.ok(viewerDump.includes('order placed') && !viewerDump.includes('u-42') && !viewerDump.includes('ann@'))
  assert.ok(operatorDump.includes('u-42'))
  // The HTTP gateway (admin UI) shapes what it answers the same way.
  const viewerToken = await createToken(plane, 'vic', 'viewer')
  const http = await fetch(`http://${plane.cp.httpAddress}/api/v1/services/checkout/dump`, {
    headers: { authorization: `Bearer ${viewerToken}` },
  })
  const httpDump = await http.text()
  assert.equal(http.status, 200, httpDump)
  assert.ok(httpDump.includes('order placed') && !httpDump.includes('u-42') && !httpDump.includes('ann@'), httpDump)
})

test('redaction - no environment secret or credential of the host reaches a heartbeat, ack, tail, dump or incident', async (t) => {
  const plane = await startSecuredControlPlane(t)
  sdkEnv(plane, t)
  const secret = `env-secret-${randomBytes(8).toString('hex')}`
  const propagationKey = `propagation-${randomBytes(12).toString('hex')}`
  process.env.PRODBENCH_TEST_SECRET = secret
  t.after(() => delete process.env.PRODBENCH_TEST_SECRET)
  const seed = (await readFile(plane.nats.sdk.nkeyFile as string, 'utf8')).trim()
  // Everything any instance publishes, as the control plane's identity can see it.
  const watcher = await plane.nats.connectAs('control-plane')
  const published: string[] = []
  watcher.subscribe('pb.v1.>', { callback: (_err, msg) => published.push(Buffer.from(msg.data).toString('latin1')) })
  const app = startInstance({ service: 'checkout', instance: 'c1', nats: plane.nats.url, propagationKey }, t)
  await app.pb.ready()
  const admin = grpcAs(plane, plane.adminToken, t)
  const tailed = follow(admin, { selector: { service: 'checkout' }, level: 'info' }, t)
  const log = app.pb.logger('payments')
  await eventually(
    () => {
      log.info({ route: '/pay' }, 'charging')
      return tailed.some((r) => r.includes('charging'))
    },
    10_000,
    'a tailed record',
  )
  // An error logged with an error object opens an incident (with the flight recorder's records).
  log.error({ err: new Error('card declined') }, 'charge failed')
  let incidentText = ''
  await eventually(
    async () => {
      const { incidents = [] } = await admin.listIncidents({ service: 'checkout' })
      if (!incidents[0]?.id) return false
      incidentText = JSON.stringify(await admin.getIncident({ id: incidents[0].id }))
      return incidentText.includes('card declined')
    },
    10_000,
    'the incident',
  )
  const dumpText = JSON.stringify(await admin.dump({ service: 'checkout', last: 1_000 }))
  assert.ok(dumpText.includes('charging'))
  const everything = [...published, ...tailed, dumpText, incidentText]
  // The scan sees what instances send: their identity is in there, the secrets are not.
  assert.ok(published.some((text) => text.includes('checkout') && text.includes('c1')))
  for (const [what, value] of [
    ['an environment variable', secret],
    ['the propagation key', propagationKey],
    ['the NATS nkey seed', seed],
  ] as const) {
    const leaks = everything.filter((text) => text.includes(value))
    assert.equal(leaks.length, 0, `${what} leaked in: ${leaks[0]?.slice(0, 200)}`)
  }
  // Tails, dumps and incidents all ran within the generated permissions: the server refused the control plane nothing.
  assert.deepEqual(
    plane.warnings.filter((warning) => /Permissions Violation/i.test(warning)),
    [],
  )
})
