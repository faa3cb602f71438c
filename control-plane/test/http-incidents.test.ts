import assert from 'node:assert/strict'
import { type TestContext, test } from 'node:test'
import { openSse } from '../../test/ui/sse-client.js'
import { snapshotOf } from './fixtures/histogram-fixtures.js'
import { startIncidentInstance } from './fixtures/incident-instance.js'
import { connectIncidentsClient } from './fixtures/incidents-client.js'
import { grpcFailure, startTestControlPlane } from './fixtures/test-control-plane.js'

async function setup(t: TestContext) {
  const s = await startTestControlPlane(t, { http: '127.0.0.1:0' })
  const base = `http://${s.cp.httpAddress}`
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? null : JSON.stringify(body),
    })
    const text = await response.text()
    return { status: response.status, body: text ? JSON.parse(text) : undefined }
  }
  const web1 = await startIncidentInstance(s.nats.url, { service: 'checkout', instance: 'web1' })
  t.after(() => web1.close())
  return { ...s, base, call, web1 }
}

/** 1..100 ms in µs: p50 50 ms, p90 90 ms, p99 99 ms, max 100 ms. */
const VALUES = Array.from({ length: 100 }, (_, i) => (i + 1) * 1_000)

test('http incidents - the list, then the detail with its records, context, error and summarized windows', async (t) => {
  const { call, web1 } = await setup(t)
  await web1.reportAndWait({
    kind: 'assert',
    fingerprint: 'cart-total',
    title: 'assert failed: cart total is not negative',
    name: 'cart total is not negative',
    error: {
      type: 'AssertionFailedError',
      message: 'cart total is not negative',
      stack: 'AssertionFailedError: x\n    at f',
    },
    records: ['{"level":20,"time":1,"msg":"cart loaded"}', '{"level":50,"time":2,"msg":"assert failed"}'],
    context: { route: '/cart/:id', user: '42' },
    histograms: [
      snapshotOf('checkout', 'web1', {
        captureId: 'r-1',
        metric: 'http.server.duration',
        endMs: 2_000,
        seq: 1,
        values: VALUES,
      }),
    ],
  })
  const list = await call('GET', '/api/v1/incidents')
  assert.equal(list.status, 200)
  assert.equal(list.body.incidents.length, 1)
  const summary = list.body.incidents[0]
  assert.match(summary.id, /^checkout-[0-9a-f]{12}-1$/)
  assert.deepEqual(
    [summary.status, summary.count, summary.instances, summary.kind, summary.first],
    ['open', 1, ['web1'], 'assert', undefined],
    'a list carries no first report',
  )
  assert.match(summary.link, new RegExp(`/#/incidents/${summary.id}$`))

  const detail = await call('GET', `/api/v1/services/checkout/incidents/${summary.id}`)
  assert.equal(detail.status, 200)
  const first = detail.body.incident.first
  assert.equal(first.instance, 'web1')
  assert.equal(first.error.type, 'AssertionFailedError')
  assert.deepEqual(first.context, { route: '/cart/:id', user: '42' })
  assert.deepEqual(first.records, [
    '{"level":20,"time":1,"msg":"cart loaded"}',
    '{"level":50,"time":2,"msg":"assert failed"}',
  ])
  const [window] = first.histograms
  assert.deepEqual([window.metric, window.unit, window.count, window.max], ['http.server.duration', 'us', 100, 100_000])
  const at = (q: number) => window.percentiles.find((p: { quantile: number }) => p.quantile === q)?.value
  // HdrHistogram at 3 significant digits: within 0.1% of the exact value.
  for (const [q, exact] of [
    [0.5, 50_000],
    [0.9, 90_000],
    [0.99, 99_000],
    [1, 100_000],
  ] as const) {
    assert.ok(Math.abs((at(q) ?? 0) - exact) <= exact * 0.001, `p${q * 100} ${at(q)} ≈ ${exact}`)
  }
  assert.equal(window.hdr, undefined, 'the page gets figures, not HdrHistogram bytes')
  assert.equal(
    window.buckets.reduce((n: number, b: { count: number }) => n + b.count, 0),
    100,
  )
})

test('http incidents - ack and close record who did it, like gRPC; acking a closed one is refused', async (t) => {
  const { call, web1, cp } = await setup(t)
  await web1.reportAndWait({ kind: 'assert', fingerprint: 'stock', title: 'stock >= 0' })
  const id = (await call('GET', '/api/v1/incidents?status=open')).body.incidents[0].id
  const path = `/api/v1/services/checkout/incidents/${id}`
  const acked = await call('POST', `${path}/ack`, { reason: 'looking' }, { 'x-prodbench-author': 'ann@laptop' })
  assert.equal(acked.status, 200, JSON.stringify(acked.body))
  assert.deepEqual([acked.body.incident.status, acked.body.incident.ackedBy], ['acked', 'ann@laptop (looking)'])
  assert.deepEqual((await call('GET', '/api/v1/incidents?status=open')).body.incidents, [])
  const incidents = connectIncidentsClient(cp.grpcAddress)
  t.after(() => incidents.close())
  assert.equal((await incidents.getIncident({ id })).status, 'acked', 'gRPC sees what HTTP did')

  const closed = await call('POST', `${path}/close`, { author: 'bob@laptop' })
  assert.deepEqual([closed.body.incident.status, closed.body.incident.closedBy], ['closed', 'bob@laptop'])
  const refused = await call('POST', `${path}/ack`, {})
  const viaGrpc = grpcFailure(await incidents.updateIncident({ id, action: 'ack' }).catch((e: unknown) => e))
  assert.deepEqual([refused.status, refused.body.code], [400, 'PB_INCIDENT_CLOSED'])
  assert.equal(refused.body.message, viaGrpc.details)
})

test('http incidents - bad fields are 400 naming them as gRPC does; an unknown id is 404', async (t) => {
  const { call } = await setup(t)
  const cases: Array<[string, string, unknown, string]> = [
    ['GET', '/api/v1/incidents?status=pending', undefined, 'status'],
    ['GET', '/api/v1/incidents?limit=5000', undefined, 'limit'],
    ['GET', '/api/v1/incidents?service=check%20out', undefined, 'service'],
    ['GET', '/api/v1/services/checkout/incidents/nope', undefined, 'id'],
    ['GET', '/api/v1/services/payments/incidents/checkout-0123456789ab-1', undefined, 'id'],
    ['POST', '/api/v1/services/checkout/incidents/checkout-0123456789ab-1/ack', { reason: 5 }, 'reason'],
    ['POST', '/api/v1/services/checkout/incidents', { title: '  ' }, 'title'],
    ['POST', '/api/v1/services/checkout/incidents', { title: 'slow', instance: 'web 1' }, 'instance'],
  ]
  for (const [method, path, body, field] of cases) {
    const answer = await call(method, path, body)
    assert.equal(answer.status, 400, `${method} ${path}: ${JSON.stringify(answer.body)}`)
    assert.equal(answer.body.field, field, path)
    assert.ok(answer.body.message.startsWith(`${field}: `), answer.body.message)
  }
  const missing = await call('GET', '/api/v1/services/checkout/incidents/checkout-0123456789ab-1')
  assert.deepEqual([missing.status, missing.body.code], [404, 'PB_INCIDENT_NOT_FOUND'])
})

test('http incidents - one opened by hand carries the instance flight recorder and its author', async (t) => {
  const { call, web1 } = await setup(t)
  web1.record('{"level":30,"time":1,"msg":"a"}')
  const opened = await call('POST', '/api/v1/services/checkout/incidents', {
    instance: 'web1',
    title: 'payments look slow',
    reason: 'customer call',
    author: 'ann@ops',
  })
  assert.equal(opened.status, 200, JSON.stringify(opened.body))
  assert.deepEqual([opened.body.incident.kind, opened.body.incident.instances], ['manual', ['web1']])
  const detail = await call('GET', `/api/v1/services/checkout/incidents/${opened.body.incident.id}`)
  assert.deepEqual(detail.body.incident.first.records, ['{"level":30,"time":1,"msg":"a"}'])
  assert.deepEqual(detail.body.incident.first.context, { opened_by: 'ann@ops', reason: 'customer call' })
})

test('http incidents - the live feed sends a snapshot, then each stored change of the service', async (t) => {
  const { base, call, web1, nats } = await setup(t)
  const other = await startIncidentInstance(nats.url, { service: 'payments', instance: 'pay1' })
  t.after(() => other.close())
  await web1.reportAndWait({ fingerprint: 'old', title: 'old error' })
  const stream = await openSse(`${base}/api/v1/events/incidents?service=checkout`, t)
  const snapshot = await stream.next((e) => e.event === 'snapshot')
  const listed = (snapshot.data as { incidents: Array<{ title: string }> }).incidents
  assert.deepEqual(
    listed.map((i) => i.title),
    ['old error'],
  )

  await other.reportAndWait({ fingerprint: 'pay', title: 'another service' })
  await web1.reportAndWait({ fingerprint: 'new', title: 'TypeError: boom' })
  type Change = { incident: { id: string; title: string; count: number; status: string } }
  const created = await stream.next(
    (e) => e.event === 'incident' && (e.data as Change).incident.title === 'TypeError: boom',
    10_000,
    'the new incident',
  )
  const { id } = (created.data as Change).incident
  await web1.reportAndWait({ fingerprint: 'new', title: 'TypeError: boom', count: 4 })
  await stream.next(
    (e) => e.event === 'incident' && (e.data as Change).incident.count === 5,
    10_000,
    'the count growing to 5',
  )
  await call('POST', `/api/v1/services/checkout/incidents/${id}/ack`, {})
  await stream.next((e) => e.event === 'incident' && (e.data as Change).incident.status === 'acked', 10_000, 'the ack')
  assert.ok(
    stream.events.every((e) => e.event !== 'incident' || (e.data as Change).incident.title !== 'another service'),
    "another service's incidents are not sent",
  )
})
