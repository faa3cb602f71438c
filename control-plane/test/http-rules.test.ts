import assert from 'node:assert/strict'
import { type TestContext, test } from 'node:test'
import { startFakeInstance } from './fixtures/fake-instance.js'
import { grpcFailure, startTestControlPlane } from './fixtures/test-control-plane.js'

async function setup(t: TestContext, options: { maxCaptures?: number } = {}) {
  const s = await startTestControlPlane(t, { http: '127.0.0.1:0', ...options })
  const base = `http://${s.cp.httpAddress}`
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body),
    })
    const text = await response.text()
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined }
  }
  return { ...s, base, call }
}

test('http rules - a bad field is a 400 naming it in JSON terms, with the same message and field as gRPC', async (t) => {
  const { call, client } = await setup(t)
  const level = await call('POST', '/api/v1/services/checkout/rules', { rule: { level: 'loud' } })
  assert.equal(level.status, 400)
  assert.equal(level.body.code, 'PB_INVALID_ARGUMENT')
  assert.equal(level.body.grpcStatus, 'INVALID_ARGUMENT')
  assert.equal(level.body.field, 'rule.level')
  assert.match(level.body.message, /^rule\.level: .*"loud"/)
  const viaGrpc = grpcFailure(
    await client.setRule({ rule: { selector: { service: 'checkout' }, level: 'loud' } }).then(
      () => assert.fail('gRPC accepted the rule'),
      (err: unknown) => err,
    ),
  )
  assert.equal(viaGrpc.field, 'rule.level')
  assert.equal(viaGrpc.details, level.body.message)

  const ttl = await call('POST', '/api/v1/services/checkout/rules', { rule: { level: 'debug', ttlMs: 'soon' } })
  assert.equal(ttl.status, 400)
  assert.equal(ttl.body.field, 'rule.ttlMs', 'named as the JSON field, not rule.ttl_ms')

  const service = await call('GET', '/api/v1/services/Bad%20Name')
  assert.equal(service.status, 400)
  assert.equal(service.body.field, 'service')

  const windows = await call('GET', '/api/v1/services/checkout/histograms/http.server.duration?windows=many')
  assert.equal(windows.status, 400)
  assert.equal(windows.body.field, 'windows', 'a bad query value is refused, not defaulted')

  const notObject = await call('POST', '/api/v1/services/checkout/rules', '[1]')
  assert.equal(notObject.status, 400)
  assert.equal(notObject.body.field, '(body)')
})

test('http rules - a rule set over HTTP reaches the instances, carries its author, is listed by gRPC and removed by id', async (t) => {
  const { call, client, nats } = await setup(t)
  const fake = await startFakeInstance(nats.url, { service: 'checkout', instance: 'i-1', intervalMs: 60_000 })
  t.after(() => fake.close())
  fake.heartbeat()
  await fake.flush()

  const set = await call(
    'POST',
    '/api/v1/services/checkout/rules',
    { rule: { selector: { logger: 'db' }, level: 'debug', ttlMs: 60_000, reason: 'slow db' } },
    { 'x-prodbench-author': 'ana@ops' },
  )
  assert.equal(set.status, 200, JSON.stringify(set.body))
  const rule = set.body.rules[0]
  assert.equal(rule.author, 'ana@ops')
  assert.deepEqual(rule.selector, { service: 'checkout', logger: 'db' })
  assert.deepEqual(set.body.rollout.applied, ['i-1'])
  assert.equal(set.body.rollout.complete, true)
  assert.ok(fake.applied >= set.body.rollout.revision)

  const listed = await client.listRules({ service: 'checkout' })
  assert.deepEqual(
    listed.rules?.map((r) => [r.id, r.level, r.author, r.reason]),
    [[rule.id, 'debug', 'ana@ops', 'slow db']],
  )
  const status = await call('GET', '/api/v1/services/checkout')
  assert.equal(status.body.instances[0].appliedRevision, set.body.rollout.revision)

  const fromForm = await call('POST', '/api/v1/services/checkout/rules', {
    rule: { level: 'warn' },
    author: 'ben (form)',
  })
  assert.equal(fromForm.body.rules[0].author, 'ben (form)', "the form's author wins over none")

  const removed = await call('DELETE', `/api/v1/services/checkout/rules/${rule.id}`)
  assert.equal(removed.status, 200)
  assert.deepEqual(
    removed.body.rules.map((r: { id: string }) => r.id),
    [rule.id],
  )
  const again = await call('DELETE', `/api/v1/services/checkout/rules/${rule.id}`)
  assert.equal(again.status, 404)
  assert.equal(again.body.code, 'PB_NOT_FOUND')
})

test('http rules - captures go through their own route and permission; the capture limit answers 429', async (t) => {
  const { call } = await setup(t, { maxCaptures: 1 })
  const capture = { capture: { metric: 'http.server.duration', intervalMs: 1_000 }, ttlMs: 60_000 }
  const wrongRoute = await call('POST', '/api/v1/services/checkout/rules', { rule: capture })
  assert.equal(wrongRoute.status, 400)
  assert.equal(wrongRoute.body.field, 'rule.capture')
  const notCapture = await call('POST', '/api/v1/services/checkout/captures', { rule: { level: 'debug' } })
  assert.equal(notCapture.status, 400)
  assert.equal(notCapture.body.field, 'rule.capture')

  const started = await call('POST', '/api/v1/services/checkout/captures', { rule: capture })
  assert.equal(started.status, 200)
  const second = await call('POST', '/api/v1/services/checkout/captures', {
    rule: { capture: { metric: 'db.**', intervalMs: 1_000 } },
  })
  assert.equal(second.status, 429)
  assert.equal(second.body.code, 'PB_TOO_MANY_CAPTURES')

  const level = await call('POST', '/api/v1/services/checkout/rules', { rule: { level: 'debug' } })
  const asCapture = await call('DELETE', `/api/v1/services/checkout/captures/${level.body.rules[0].id}`)
  assert.equal(asCapture.status, 404, 'a log rule is not removed through the captures route')
  const stopped = await call('DELETE', `/api/v1/services/checkout/captures/${started.body.rules[0].id}`)
  assert.equal(stopped.status, 200)
})

test('http rules - changes from another site, or not as JSON, are refused; unknown routes 404, wrong methods 405', async (t) => {
  const { call, base } = await setup(t)
  const crossSite = await call(
    'POST',
    '/api/v1/services/checkout/rules',
    { rule: { level: 'debug' } },
    {
      origin: 'http://evil.example',
    },
  )
  assert.equal(crossSite.status, 403)
  const form = await fetch(`${base}/api/v1/services/checkout/rules`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: JSON.stringify({ rule: { level: 'debug' } }),
  })
  assert.equal(form.status, 415)
  const rules = await call('GET', '/api/v1/services/checkout/rules')
  assert.deepEqual(rules.body.rules, [], 'nothing was changed')

  const unknown = await call('GET', '/api/v1/nothing')
  assert.equal(unknown.status, 404)
  assert.equal(unknown.body.code, 'PB_NOT_FOUND')
  const method = await call('PUT', '/api/v1/services/checkout/rules')
  assert.equal(method.status, 405)
  assert.equal(method.headers.get('allow'), 'GET, POST')
})
