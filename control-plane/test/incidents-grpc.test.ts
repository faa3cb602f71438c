import assert from 'node:assert/strict'
import { type TestContext, test } from 'node:test'
import { status } from '@grpc/grpc-js'
import { eventually } from '../../test/helpers/eventually.js'
import { startIncidentInstance } from './fixtures/incident-instance.js'
import { connectIncidentsClient } from './fixtures/incidents-client.js'
import { grpcFailure, startTestControlPlane } from './fixtures/test-control-plane.js'

async function setup(t: TestContext) {
  const base = await startTestControlPlane(t)
  const incidents = connectIncidentsClient(base.cp.grpcAddress)
  t.after(() => incidents.close())
  return { ...base, incidents }
}

test('incidents grpc - ack then close record who did it; acking a closed incident is refused', async (t) => {
  const { nats, incidents } = await setup(t)
  const web1 = await startIncidentInstance(nats.url, { service: 'checkout', instance: 'web1' })
  t.after(() => web1.close())
  await web1.reportAndWait({ kind: 'assert', fingerprint: 'stock-negative', title: 'stock >= 0', name: 'stock' })
  const [summary] = (await incidents.listIncidents({ status: 'open' })).incidents ?? []
  const id = summary?.id ?? ''
  const acked = await incidents.updateIncident({ id, action: 'ack', reason: 'looking' }, 'ann@laptop')
  assert.equal(acked.status, 'acked')
  assert.equal(acked.ackedBy, 'ann@laptop (looking)')
  assert.ok((acked.ackedAt ?? 0) > 0)
  assert.deepEqual((await incidents.listIncidents({ status: 'open' })).incidents ?? [], [])
  assert.equal((await incidents.listIncidents({ status: 'acked' })).incidents?.[0]?.id, id)
  // An acked incident still takes its repeats: it is not closed.
  await web1.reportAndWait({ kind: 'assert', fingerprint: 'stock-negative', title: 'stock >= 0' })
  assert.equal((await incidents.getIncident({ id })).count, 2)
  const closed = await incidents.updateIncident({ id, action: 'close' }, 'bob@laptop')
  assert.deepEqual([closed.status, closed.closedBy, closed.ackedBy], ['closed', 'bob@laptop', 'ann@laptop (looking)'])
  const again = await incidents.updateIncident({ id, action: 'close' }, 'carl@laptop')
  assert.equal(again.closedBy, 'bob@laptop', 'closing twice changes nothing')
  const refused = grpcFailure(await incidents.updateIncident({ id, action: 'ack' }).catch((err: unknown) => err))
  assert.deepEqual([refused.code, refused.pbCode], [status.FAILED_PRECONDITION, 'PB_INCIDENT_CLOSED'])
})

test('incidents grpc - an unknown id is NOT_FOUND; bad fields are INVALID_ARGUMENT naming the field', async (t) => {
  const { incidents } = await setup(t)
  const missing = grpcFailure(await incidents.getIncident({ id: 'checkout-0123456789ab-1' }).catch((e: unknown) => e))
  assert.deepEqual([missing.code, missing.pbCode], [status.NOT_FOUND, 'PB_INCIDENT_NOT_FOUND'])
  const update = grpcFailure(
    await incidents.updateIncident({ id: 'checkout-0123456789ab-1', action: 'ack' }).catch((e: unknown) => e),
  )
  assert.equal(update.code, status.NOT_FOUND)
  const cases: Array<[Promise<unknown>, string]> = [
    [incidents.getIncident({ id: 'nope' }), 'id'],
    [incidents.listIncidents({ status: 'pending' }), 'status'],
    [incidents.listIncidents({ service: 'check out' }), 'service'],
    [incidents.listIncidents({ limit: 5_000 }), 'limit'],
    [incidents.updateIncident({ id: 'checkout-0123456789ab-1', action: 'resolve' }), 'action'],
    [incidents.openIncident({ service: 'checkout', title: '  ' }), 'title'],
    [incidents.runCheck({ service: 'checkout', name: 'db ping' }), 'name'],
    [incidents.runCheck({ service: 'checkout', name: 'db', waitMs: 3_600_000 }), 'wait_ms'],
    [incidents.inspect({ service: 'checkout' }), 'instance'],
    [incidents.inspect({ service: 'checkout', instance: 'web1', ttlMs: 10 }), 'ttl_ms'],
  ]
  for (const [call, field] of cases) {
    const failure = grpcFailure(await call.catch((e: unknown) => e))
    assert.equal(failure.code, status.INVALID_ARGUMENT, field)
    assert.equal(failure.field, field)
    assert.ok(failure.details.startsWith(`${field}: `), failure.details)
  }
})

test('incidents grpc - an incident opened by hand carries the instance flight recorder and the author', async (t) => {
  const { nats, incidents } = await setup(t)
  const web1 = await startIncidentInstance(nats.url, { service: 'checkout', instance: 'web1' })
  t.after(() => web1.close())
  web1.record('{"level":20,"time":1,"msg":"a"}', '{"level":30,"time":2,"msg":"b"}')
  const opened = await incidents.openIncident(
    { service: 'checkout', instance: 'web1', title: 'payments look slow', reason: 'customer call' },
    'ann@laptop',
  )
  assert.equal(opened.kind, 'manual')
  assert.equal(opened.status, 'open')
  assert.deepEqual(opened.instances, ['web1'])
  assert.deepEqual(opened.first?.records, ['{"level":20,"time":1,"msg":"a"}', '{"level":30,"time":2,"msg":"b"}'])
  assert.deepEqual(opened.first?.context, { opened_by: 'ann@laptop', reason: 'customer call' })
  assert.deepEqual(
    web1.dumpRequests.map((r) => r.last),
    [500],
  )
  // Two by hand are two incidents, never folded together.
  const second = await incidents.openIncident({ service: 'checkout', title: 'payments look slow' })
  assert.notEqual(second.id, opened.id)
  assert.deepEqual(second.instances ?? [], [])
  assert.equal((await incidents.listIncidents({ service: 'checkout' })).incidents?.length, 2)
})

test('checks grpc - ListChecks comes from heartbeats; RunCheck gathers each result and lists who did not answer', async (t) => {
  const { nats, incidents } = await setup(t)
  const dbPing = { name: 'db-ping', everyMs: 60_000, timeoutMs: 5_000, runs: 3, failures: 1 }
  const web1 = await startIncidentInstance(nats.url, { service: 'checkout', instance: 'web1', checks: [dbPing] })
  const web2 = await startIncidentInstance(nats.url, {
    service: 'checkout',
    instance: 'web2',
    checks: [dbPing],
    onCheck: (request) => ({
      name: request.name,
      result: { ok: false, error: 'ECONNREFUSED', durationMs: 3, trigger: 'request' },
    }),
  })
  // Subscribed but stuck: never answers.
  const web3 = await startIncidentInstance(nats.url, {
    service: 'checkout',
    instance: 'web3',
    onCheck: () => undefined,
  })
  for (const fake of [web1, web2, web3]) t.after(() => fake.close())
  await eventually(
    async () => (await incidents.listChecks({ service: 'checkout' })).instances?.length === 3,
    5_000,
    'three live instances',
  )
  const listed = await incidents.listChecks({ service: 'checkout' })
  assert.deepEqual(
    (listed.instances ?? []).map((i) => [i.instance, (i.checks ?? []).map((c) => [c.name, c.everyMs, c.runs])]),
    [
      ['web1', [['db-ping', 60_000, 3]]],
      ['web2', [['db-ping', 60_000, 3]]],
      ['web3', []],
    ],
  )
  const run = await incidents.runCheck({ service: 'checkout', name: 'db-ping', waitMs: 500 })
  assert.deepEqual(
    (run.results ?? []).map((r) => [r.identity?.instance, r.result?.ok ?? false, r.result?.error ?? r.error ?? '']),
    [
      ['web1', true, ''],
      ['web2', false, 'ECONNREFUSED'],
    ],
  )
  assert.deepEqual(run.missing, ['web3'])
  assert.deepEqual(web1.checkRequests, [{ name: 'db-ping' }])
  const one = await incidents.runCheck({ service: 'checkout', name: 'cache-ping', instance: 'web1' })
  assert.deepEqual(
    (one.results ?? []).map((r) => [r.identity?.instance, r.error]),
    [['web1', 'unknown check "cache-ping"']],
  )
  assert.equal(web2.checkRequests.length, 1, 'inst= asks one instance only')
})

test('inspect grpc - returns the instance answer; a missing instance is NOT_FOUND', async (t) => {
  const { nats, incidents } = await setup(t)
  const web1 = await startIncidentInstance(nats.url, {
    service: 'checkout',
    instance: 'web1',
    onInspect: (request) => ({
      url: 'ws://127.0.0.1:9229/abc',
      devtoolsUrl: 'devtools://devtools/bundled/js_app.html?ws=127.0.0.1:9229/abc',
      host: 'node-7.internal',
      port: 9229,
      closesAt: 1_000 + (request.ttlMs ?? 0),
    }),
  })
  const web2 = await startIncidentInstance(nats.url, { service: 'checkout', instance: 'web2' })
  t.after(() => web1.close())
  t.after(() => web2.close())
  const reply = await incidents.inspect({ service: 'checkout', instance: 'web1', ttlMs: 600_000 })
  assert.deepEqual([reply.host, reply.port, reply.closesAt], ['node-7.internal', 9229, 601_000])
  assert.deepEqual(web1.inspectRequests, [{ ttlMs: 600_000 }])
  const refused = await incidents.inspect({ service: 'checkout', instance: 'web2' })
  assert.match(refused.error ?? '', /not enabled/)
  const gone = grpcFailure(await incidents.inspect({ service: 'checkout', instance: 'web9' }).catch((e: unknown) => e))
  assert.deepEqual([gone.code, gone.pbCode], [status.NOT_FOUND, 'PB_INSTANCE_NOT_FOUND'])
})
