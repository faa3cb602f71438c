import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type TestContext, test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { codecs, type IncidentReportMessage } from '@prodbench/proto'
import { connect, type NatsConnection } from 'nats'
import { startControlPlane } from '../control-plane/src/index.js'
import { eventually, startInstance } from './helpers/fleet.js'
import { controlPlaneClient } from './helpers/grpc.js'
import { startTestNats } from './helpers/nats-server.js'

async function setup(t: TestContext) {
  const nats = await startTestNats(t)
  const cp = await startControlPlane({ nats: nats.url, grpc: '127.0.0.1:0' })
  t.after(() => cp.close())
  const client = controlPlaneClient(cp.grpcAddress, t)
  const observer = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 })
  t.after(() => observer.close())
  return { nats, cp, client, observer }
}

/**
 * Collects every incident report sent on NATS, acknowledging each as the
 * control plane does (the SDK resends until acknowledged).
 */
function reports(nc: NatsConnection): IncidentReportMessage[] {
  const seen: IncidentReportMessage[] = []
  nc.subscribe('pb.v1.incident.>', {
    callback: (_err, msg) => {
      const report = codecs.incidentReport.decode(msg.data)
      const key = `${report.identity?.instance}/${report.seq}`
      if (!seen.some((r) => `${r.identity?.instance}/${r.seq}` === key)) seen.push(report)
      if (msg.reply) msg.respond()
    },
  })
  return seen
}

async function listen(t: TestContext, server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const quiet = { incidents: { spoolDir: false as const }, asserts: 'log' as const }

test("incident - a failing assert carries the request's earlier debug records and context", async (t) => {
  const { nats, client, observer } = await setup(t)
  const seen = reports(observer)
  await observer.flush()
  const instance = startInstance({ service: 'checkout', instance: 'c1', nats: nats.url, ...quiet }, t)
  const log = instance.pb.logger('cart')
  const url = await listen(
    t,
    createServer(
      instance.pb.httpHandler((req, res) => {
        instance.pb.setContext({ user: String(req.headers['x-user-id']) })
        log.debug({ step: 1 }, 'cart loaded')
        log.debug({ step: 2 }, 'total computed')
        instance.pb.assert(false, 'cart total is not negative', { total: -3 })
        res.end('done')
      }),
    ),
  )
  await instance.pb.ready()
  await client.setRule({ rule: { selector: { service: 'checkout' }, record: { level: 'debug' } }, waitMs: 5_000 })
  await (await fetch(`${url}/cart/7`, { headers: { 'x-user-id': '42' } })).text()
  await eventually(async () => seen.length === 1, 5_000, 'one incident report')
  const report = seen[0] as IncidentReportMessage
  assert.equal(report.kind, 'assert')
  assert.equal(report.name, 'cart total is not negative')
  assert.equal(report.count, 1)
  assert.equal(report.identity?.instance, 'c1')
  assert.equal(report.context?.user, '42')
  const records = (report.records ?? []).map((line) => JSON.parse(line))
  assert.deepEqual(
    records.slice(0, 3).map((r) => r.msg),
    ['cart loaded', 'total computed', 'assert failed: cart total is not negative'],
  )
  assert.match(report.error?.stack ?? '', /AssertionFailedError/)
  assert.equal(report.ownRecords, 3, "the report says how many records are the request's own")
})

test('incident - 1,000 identical errors are one full report and repeats adding up to 1,000', async (t) => {
  const { nats, observer } = await setup(t)
  const seen = reports(observer)
  await observer.flush()
  const instance = startInstance({ service: 'checkout', instance: 'c1', nats: nats.url, ...quiet }, t)
  await instance.pb.ready()
  const log = instance.pb.logger('payments')
  const fail = () => log.error({ err: new Error('card processor unreachable') }, 'charge failed')
  for (let i = 0; i < 1_000; i++) fail()
  await eventually(
    async () => seen.reduce((n, r) => n + Number(r.count ?? 0), 0) === 1_000,
    10_000,
    'reports adding up to 1,000',
  )
  assert.equal(seen.filter((r) => !r.repeat).length, 1, 'one full report')
  assert.equal(new Set(seen.map((r) => r.fingerprint)).size, 1, 'one fingerprint')
  assert.equal(seen[0]?.kind, 'error-log')
})

test('incident - reaches the control plane after a 5 s NATS outage', async (t) => {
  const { nats, client } = await setup(t)
  const instance = startInstance({ service: 'checkout', instance: 'c1', nats: nats.url, ...quiet }, t)
  await instance.pb.ready()
  await nats.stop()
  instance.pb.assert(false, 'stock never negative')
  await sleep(5_000)
  assert.equal(instance.pb.status().incidents.pending, 1, 'held while NATS is down')
  await nats.restart()
  // The control plane's own record, not a second subscriber's copy: after the restart the
  // report may come before another connection has its subscription back.
  await eventually(
    async () => {
      const list = await client.listIncidents({ service: 'checkout' })
      return (list?.incidents ?? []).some((i) => i.title?.includes('stock never negative'))
    },
    20_000,
    'the incident in the control plane after the outage',
  )
  await eventually(async () => instance.pb.status().incidents.pending === 0, 10_000, 'acknowledged')
})

test('check - runs on demand over NATS, is paused by a rule, and a failure opens an incident', async (t) => {
  const { nats, client, observer } = await setup(t)
  const seen = reports(observer)
  const instance = startInstance({ service: 'checkout', instance: 'c1', nats: nats.url, ...quiet }, t)
  let healthy = true
  instance.pb.check('db-ping', () => healthy, { every: '1h' })
  await instance.pb.ready()
  const ask = async () =>
    codecs.checkRunReply.decode(
      (await observer.request('pb.v1.check.checkout.c1', codecs.checkRunRequest.encode({ name: 'db-ping' }))).data,
    )
  assert.equal((await ask()).result?.ok, true)
  healthy = false
  const failed = await ask()
  assert.equal(failed.result?.ok, false)
  assert.match(failed.result?.error ?? '', /returned false/)
  await eventually(async () => seen.some((r) => r.kind === 'check' && r.name === 'db-ping'), 5_000, 'a check incident')
  const unknown = codecs.checkRunReply.decode(
    (await observer.request('pb.v1.check.checkout.c1', codecs.checkRunRequest.encode({ name: 'nope' }))).data,
  )
  assert.match(unknown.error ?? '', /no check named "nope"/)

  const res = await client.setRule({
    rule: { selector: { service: 'checkout' }, check: { name: 'db-ping', paused: true } },
    waitMs: 5_000,
  })
  assert.equal(res?.rollout?.complete, true)
  assert.equal(instance.pb.status().checks[0]?.paused, true)
})

test('quarantine - a rule fails readiness, runs the hook and turns debug on; removing it releases', async (t) => {
  const { nats, client } = await setup(t)
  const instance = startInstance({ service: 'checkout', instance: 'c1', nats: nats.url, ...quiet }, t)
  const other = startInstance({ service: 'checkout', instance: 'c2', nats: nats.url, ...quiet }, t)
  const events: string[] = []
  instance.pb.onQuarantine((state) => events.push(`in:${state.reason}`))
  instance.pb.onRelease(() => events.push('out'))
  const url = await listen(t, createServer(instance.pb.readinessHandler()))
  await Promise.all([instance.pb.ready(), other.pb.ready()])
  assert.equal((await fetch(url)).status, 200)

  const res = await client.setRule({
    rule: { selector: { service: 'checkout', instance: 'c1' }, quarantine: { reason: 'leaking memory' } },
    waitMs: 5_000,
  })
  assert.equal(res?.rollout?.complete, true)
  const ready = await fetch(url)
  assert.equal(ready.status, 503)
  assert.deepEqual(await ready.json(), {
    ready: false,
    quarantined: true,
    reason: 'leaking memory',
    since: instance.pb.status().quarantine.since,
  })
  assert.deepEqual(events, ['in:leaking memory'])
  assert.equal(instance.pb.logger('db').isLevelEnabled('debug'), true, 'the quarantined instance is at debug')
  assert.equal(other.pb.logger('db').isLevelEnabled('debug'), false, 'the others are not')

  await client.removeRules({ service: 'checkout', ruleIds: [res?.rules?.[0]?.id ?? ''], waitMs: 5_000 })
  assert.equal((await fetch(url)).status, 200)
  assert.deepEqual(events, ['in:leaking memory', 'out'])
  assert.equal(instance.pb.logger('db').isLevelEnabled('debug'), false)
})

test('inspector - opens on 127.0.0.1 when the code enables it, and is refused otherwise', async (t) => {
  const { nats, observer } = await setup(t)
  const open = startInstance({ service: 'checkout', instance: 'c1', nats: nats.url, inspector: true, ...quiet }, t)
  const closed = startInstance({ service: 'checkout', instance: 'c2', nats: nats.url, ...quiet }, t)
  await Promise.all([open.pb.ready(), closed.pb.ready()])
  const ask = async (inst: string) =>
    codecs.inspectReply.decode(
      (await observer.request(`pb.v1.inspect.checkout.${inst}`, codecs.inspectRequest.encode({ ttlMs: 60_000 }))).data,
    )
  const refused = await ask('c2')
  assert.match(refused.error ?? '', /not enabled/)
  const reply = await ask('c1')
  assert.equal(reply.error ?? '', '')
  assert.match(reply.url ?? '', /^ws:\/\/127\.0\.0\.1:\d+\//)
  assert.ok((reply.closesAt ?? 0) > Date.now())
})

test('crash - an uncaught exception is spooled and sent by the next instance', async (t) => {
  const { nats, observer } = await setup(t)
  const seen = reports(observer)
  await observer.flush()
  const spoolDir = await mkdtemp(join(tmpdir(), 'prodbench-spool-'))
  t.after(() => rm(spoolDir, { recursive: true, force: true }))
  const script = `
    import { init } from './sdk/src/index.ts'
    const pb = init({ service: 'checkout', instance: 'doomed', incidents: { spoolDir: ${JSON.stringify(spoolDir)} }, destination: { write() {} } })
    setTimeout(() => { throw new TypeError('cannot read properties of undefined (reading "total")') }, 10)
  `
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: join(import.meta.dirname, '..'),
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk) => {
    stderr += chunk
  })
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  assert.notEqual(code, 0, "the host's policy (crash) went on")
  assert.match(stderr, /TypeError/)
  const next = startInstance(
    { service: 'checkout', instance: 'next', nats: nats.url, incidents: { spoolDir }, asserts: 'log' },
    t,
  )
  await next.pb.ready()
  await eventually(async () => seen.some((r) => r.kind === 'uncaught'), 5_000, 'the spooled report')
  const report = seen.find((r) => r.kind === 'uncaught')
  assert.equal(report?.identity?.instance, 'doomed')
  assert.equal(report?.error?.type, 'TypeError')
})

test('alert - 1,000 identical errors in a service are one incident with count 1,000 and one alert with the link', async (t) => {
  const nats = await startTestNats(t)
  const alerts: Array<Record<string, unknown>> = []
  const receiver = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => {
      body += chunk
    })
    req.on('end', () => {
      alerts.push(JSON.parse(body))
      res.end()
    })
  })
  const webhook = await listen(t, receiver)
  const cp = await startControlPlane({
    nats: nats.url,
    grpc: '127.0.0.1:0',
    alerts: { webhooks: [webhook], digestMs: 60_000 },
    publicUrl: 'https://prodbench.example.com',
  })
  t.after(() => cp.close())
  const client = controlPlaneClient(cp.grpcAddress, t)
  const instance = startInstance({ service: 'checkout', instance: 'c1', nats: nats.url, ...quiet }, t)
  await instance.pb.ready()
  const log = instance.pb.logger('payments')
  for (let i = 0; i < 1_000; i++) log.error({ err: new Error('card processor unreachable') }, 'charge failed')
  await eventually(
    async () => {
      const list = await client.listIncidents({ service: 'checkout' })
      return list?.incidents?.length === 1 && Number(list.incidents[0]?.count) === 1_000
    },
    10_000,
    'one incident counting 1,000',
  )
  const list = await client.listIncidents({ service: 'checkout' })
  const id = list?.incidents?.[0]?.id as string
  await eventually(async () => alerts.length === 1, 5_000, 'one alert')
  await sleep(500)
  assert.equal(alerts.length, 1, 'no second alert for the repeats (a digest comes later, at most)')
  assert.ok(
    JSON.stringify(alerts[0]).includes(`https://prodbench.example.com/#/incidents/${id}`),
    'the alert links the incident',
  )
  assert.equal(instance.pb.status().incidents.pending, 0, 'every report acknowledged by the control plane')
})
