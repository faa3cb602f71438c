import assert from 'node:assert/strict'
import { type TestContext, test } from 'node:test'
import { eventually } from '../../test/helpers/eventually.js'
import { main } from '../src/ctl/main.js'
import { stripAnsi } from '../src/ctl/style.js'
import { memoryIo } from './fixtures/ctl-io.js'
import { snapshotOf } from './fixtures/histogram-fixtures.js'
import { startIncidentInstance } from './fixtures/incident-instance.js'
import { startTestControlPlane } from './fixtures/test-control-plane.js'

/** Runs ctl in-process against `server`; returns the exit code and what it printed. */
async function ctl(server: string, ...argv: string[]) {
  const { io, captured } = memoryIo({ now: Date.now })
  const code = await main(['--server', server, ...argv], io)
  return { code, out: stripAnsi(captured.out), err: stripAnsi(captured.err) }
}

async function fleet(t: TestContext) {
  const { nats, cp, client } = await startTestControlPlane(t)
  const dbPing = { name: 'db-ping', everyMs: 60_000, timeoutMs: 5_000, runs: 7, failures: 0 }
  const web1 = await startIncidentInstance(nats.url, {
    service: 'checkout',
    instance: 'web1',
    checks: [{ ...dbPing, last: { ok: true, durationMs: 2.5, at: Date.now() - 5_000, trigger: 'schedule' } }],
    onInspect: () => ({
      url: 'ws://127.0.0.1:9230/3f2a',
      devtoolsUrl: 'devtools://devtools/bundled/js_app.html?ws=127.0.0.1:9230/3f2a',
      host: 'node-7.internal',
      port: 9230,
      closesAt: Date.now() + 600_000,
    }),
  })
  const web2 = await startIncidentInstance(nats.url, {
    service: 'checkout',
    instance: 'web2',
    checks: [
      { ...dbPing, failures: 2, last: { ok: false, error: 'ECONNREFUSED', at: Date.now(), trigger: 'schedule' } },
    ],
    onCheck: (request) => ({ name: request.name, result: { ok: false, durationMs: 4, error: 'ECONNREFUSED' } }),
  })
  t.after(() => web1.close())
  t.after(() => web2.close())
  await eventually(async () => (await client.listInstances({ service: 'checkout' })).instances?.length === 2)
  return { cp, web1, web2, server: cp.grpcAddress }
}

test('ctl incidents - list, show in full, ack and close', async (t) => {
  const { server, web1 } = await fleet(t)
  const histogram = snapshotOf('checkout', 'web1', {
    captureId: 'r-0123456789',
    metric: 'http.server.duration',
    endMs: Date.now() - 1_000,
    seq: 3,
    values: [1_000, 2_000, 3_000, 40_000],
  })
  await web1.reportAndWait({
    kind: 'uncaught',
    fingerprint: 'pay-typeerror',
    title: 'TypeError: cannot read card of undefined',
    error: {
      type: 'TypeError',
      message: 'cannot read card of undefined',
      stack: 'TypeError: cannot read card of undefined\n    at pay (pay.ts:12:7)',
    },
    records: [JSON.stringify({ level: 20, time: Date.now() - 50, logger: 'db', msg: 'SELECT card', reqId: 'r-9' })],
    context: { route: 'POST /checkout', user: '42' },
    histograms: [histogram],
    count: 3,
  })
  const list = await ctl(server, 'incidents', 'svc=checkout')
  assert.equal(list.code, 0, list.err)
  const id = /checkout-[0-9a-f]{12}-1/.exec(list.out)?.[0] ?? ''
  assert.ok(id, list.out)
  assert.match(list.out, /OPEN\s+uncaught\s+3\s+\S+ ago\s+web1\s+TypeError: cannot read card of undefined/)

  const show = await ctl(server, 'incident', 'show', id)
  assert.equal(show.code, 0, show.err)
  for (const expected of [
    /3 occurrences on web1/,
    /^ {6}at pay \(pay\.ts:12:7\)$/m,
    /route\s+POST \/checkout/,
    /DEBUG web1 db: SELECT card\s+reqId=r-9/,
    /http\.server\.duration \(us\)/,
    /count 4 {2}/,
    /p50 \S+ {2}p90/,
  ]) {
    assert.match(show.out, expected)
  }

  const ack = await ctl(server, 'incident', 'ack', id, '--reason', 'looking')
  assert.equal(ack.code, 0, ack.err)
  assert.match(ack.out, new RegExp(`${id} acked by \\S+@\\S+ \\(looking\\)`))
  const close = await ctl(server, '--json', 'incident', 'close', id)
  assert.equal(close.code, 0, close.err)
  const document = JSON.parse(close.out) as { summary: { status: string }; incident: { closedBy: string } }
  assert.equal(document.summary.status, 'closed')
  assert.match(document.incident.closedBy, /@/)
  const none = await ctl(server, 'incidents', '--status', 'open')
  assert.equal(none.out.trim(), 'no open incidents')
  const missing = await ctl(server, 'incident', 'show', 'checkout-0123456789ab-9')
  assert.equal(missing.code, 1)
  assert.match(missing.err, /no incident checkout-0123456789ab-9 .*\(NOT_FOUND\)/)
})

test('ctl incident open - takes the flight recorder of the instance named', async (t) => {
  const { server, web1 } = await fleet(t)
  web1.record(JSON.stringify({ level: 30, time: 1, msg: 'a' }), JSON.stringify({ level: 30, time: 2, msg: 'b' }))
  const opened = await ctl(server, 'incident', 'open', 'svc=checkout', 'inst=web1', '--title', 'payments look slow')
  assert.equal(opened.code, 0, opened.err)
  assert.match(
    opened.out,
    /^opened checkout-[0-9a-f]{12}-1 with 2 records of web1\nhttp:\/\/127\.0\.0\.1:7421\/#\/incidents\//,
  )
})

test('ctl checks and check run / check set - results per instance; a rule changes the interval', async (t) => {
  const { server, web1 } = await fleet(t)
  const listed = await ctl(server, 'checks', 'svc=checkout')
  assert.equal(listed.code, 0, listed.err)
  assert.match(listed.out, /^checkout: 1 check on 2 live instances/)
  assert.match(listed.out, /db-ping\s+web1\s+1m\s+ok\s+\S+ ago\s+ok in 2\.5ms\s+7\s+0/)
  assert.match(listed.out, /db-ping\s+web2\s+1m\s+FAILING\s+\S+ ago\s+ECONNREFUSED\s+7\s+2/)

  const run = await ctl(server, 'check', 'run', 'svc=checkout', 'name=db-ping')
  assert.equal(run.code, 1, 'one instance failed')
  assert.match(run.out, /^db-ping on checkout: 1\/2 ok, 1 failed/)
  assert.match(run.out, /web1\s+ok\s+1\.5ms/)
  assert.match(run.out, /web2\s+FAILED\s+4ms\s+ECONNREFUSED/)
  const one = await ctl(server, 'check', 'run', 'svc=checkout', 'name=db-ping', 'inst=web1')
  assert.equal(one.code, 0, one.out)
  assert.deepEqual(
    web1.checkRequests.map((r) => r.name),
    ['db-ping', 'db-ping'],
  )

  const set = await ctl(server, 'check', 'set', 'svc=checkout', 'name=db-ping', 'every=30s')
  assert.equal(set.code, 0, set.err)
  assert.match(set.out, /^check db-ping every 30s on checkout: applied on 2\/2 instances/)
  const paused = await ctl(server, 'check', 'set', 'svc=checkout', 'name=cache-ping', '--pause')
  assert.equal(paused.code, 0, paused.err)
  assert.match(paused.err, /warning: rule r-\w+ has no expiry/)
  // Two check rules of two names: the second did not replace the first.
  const rules = await ctl(server, 'rules', 'svc=checkout')
  assert.match(rules.out, /check db-ping every 30s/)
  assert.match(rules.out, /pause check cache-ping/)
})

test('ctl quarantine, status, ls and release - the instance is marked until released', async (t) => {
  const { server, web1 } = await fleet(t)
  const quarantined = await ctl(server, 'quarantine', 'svc=checkout', 'inst=web1', '--reason', 'leaking sockets')
  assert.equal(quarantined.code, 0, quarantined.err)
  assert.match(quarantined.out, /^quarantine on checkout@web1: applied on 2\/2 instances/)
  assert.match(quarantined.out, /ctl release svc=checkout inst=web1/)
  const rule = web1.rules.find((r) => r.quarantine)
  assert.equal(rule?.quarantine?.reason, 'leaking sockets')
  // The SDK reports it in its heartbeats; the fake does it by hand.
  web1.quarantine = {
    active: true,
    ruleId: rule?.id ?? '',
    reason: 'leaking sockets',
    author: rule?.author ?? '',
    since: Date.now(),
  }
  web1.heartbeat()
  await web1.flush()
  await eventually(async () => (await ctl(server, 'status', 'svc=checkout')).out.includes('QUARANTINED'))
  const status = await ctl(server, 'status', 'svc=checkout')
  assert.match(status.out, /web1 QUARANTINED/)
  assert.match(
    status.out,
    /! web1 quarantined .*: leaking sockets; out of traffic, kept alive\. End it: ctl release svc=checkout inst=web1/,
  )
  assert.match((await ctl(server, 'ls')).out, /checkout\s+2 \(1 quarantined\)/)

  const released = await ctl(server, 'release', 'svc=checkout', 'inst=web1')
  assert.equal(released.code, 0, released.err)
  assert.match(released.out, /removed 1 rule from checkout@web1/)
  assert.equal(
    web1.rules.some((r) => r.quarantine),
    false,
  )
  const again = await ctl(server, 'release', 'svc=checkout', 'inst=web1')
  assert.equal(again.code, 1)
  assert.match(again.out, /checkout@web1 has no quarantine rule/)
})

test('ctl inspect - prints the tunnel and the devtools URL; a refusal exits 1', async (t) => {
  const { server, web1 } = await fleet(t)
  const opened = await ctl(server, 'inspect', 'svc=checkout', 'inst=web1', '--ttl', '10m')
  assert.equal(opened.code, 0, opened.err)
  assert.match(opened.out, /inspector of checkout@web1 open until .*on 127\.0\.0\.1:9230 of node-7\.internal/)
  assert.match(opened.out, /ssh -N -L 9230:127\.0\.0\.1:9230 node-7\.internal/)
  assert.match(opened.out, /devtools:\/\/devtools\/bundled\/js_app\.html\?ws=127\.0\.0\.1:9230\/3f2a/)
  assert.deepEqual(web1.inspectRequests, [{ ttlMs: 600_000 }])
  const refused = await ctl(server, 'inspect', 'svc=checkout', 'inst=web2')
  assert.equal(refused.code, 1)
  assert.match(refused.out, /checkout@web2 refused: the inspector is not enabled/)
})
