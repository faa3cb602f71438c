import assert from 'node:assert/strict'
import { type TestContext, test } from 'node:test'
import { eventually } from '../../test/helpers/eventually.js'
import { startIncidentInstance } from './fixtures/incident-instance.js'
import { startTestControlPlane } from './fixtures/test-control-plane.js'

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
  return { ...s, base, call }
}

const dbPing = { name: 'db-ping', everyMs: 60_000, timeoutMs: 5_000, runs: 3, failures: 1 }

test('http checks - listed from heartbeats, and run now on every instance with each result and who did not answer', async (t) => {
  const { call, nats } = await setup(t)
  const web1 = await startIncidentInstance(nats.url, { service: 'checkout', instance: 'web1', checks: [dbPing] })
  const web2 = await startIncidentInstance(nats.url, {
    service: 'checkout',
    instance: 'web2',
    checks: [dbPing],
    onCheck: (request) => ({ name: request.name, result: { ok: false, error: 'ECONNREFUSED', durationMs: 3 } }),
  })
  const web3 = await startIncidentInstance(nats.url, {
    service: 'checkout',
    instance: 'web3',
    onCheck: () => undefined,
  })
  for (const fake of [web1, web2, web3]) t.after(() => fake.close())
  await eventually(
    async () => (await call('GET', '/api/v1/services/checkout/checks')).body.instances.length === 3,
    5_000,
    'three live instances',
  )
  const listed = await call('GET', '/api/v1/services/checkout/checks')
  assert.deepEqual(
    listed.body.instances.map((i: { instance: string; checks: Array<{ name: string; runs: number }> }) => [
      i.instance,
      i.checks.map((c) => [c.name, c.runs]),
    ]),
    [
      ['web1', [['db-ping', 3]]],
      ['web2', [['db-ping', 3]]],
      ['web3', []],
    ],
  )
  // The service page's stream carries them too: the checks page stays live on it.
  const status = await call('GET', '/api/v1/services/checkout')
  assert.deepEqual(
    status.body.instances[0].checks.map((c: { name: string }) => c.name),
    ['db-ping'],
  )

  const run = await call('POST', '/api/v1/services/checkout/checks/db-ping/run', { waitMs: 500 })
  assert.equal(run.status, 200, JSON.stringify(run.body))
  assert.deepEqual(
    run.body.results.map((r: { instance: string; result: { ok: boolean; error: string } }) => [
      r.instance,
      r.result.ok,
      r.result.error,
    ]),
    [
      ['web1', true, ''],
      ['web2', false, 'ECONNREFUSED'],
    ],
  )
  assert.deepEqual(run.body.missing, ['web3'])
  const one = await call('POST', '/api/v1/services/checkout/checks/cache-ping/run', { instance: 'web1' })
  assert.deepEqual(one.body.results, [{ instance: 'web1', name: 'cache-ping', error: 'unknown check "cache-ping"' }])
  assert.equal(web2.checkRequests.length, 1, 'instance= asks one instance only')

  for (const [path, body, field] of [
    ['/api/v1/services/checkout/checks/db%20ping/run', {}, 'name'],
    ['/api/v1/services/checkout/checks/db-ping/run', { waitMs: 3_600_000 }, 'waitMs'],
    ['/api/v1/services/checkout/checks/db-ping/run', { instance: 'web 1' }, 'instance'],
  ] as const) {
    const bad = await call('POST', path, body)
    assert.deepEqual([bad.status, bad.body.field], [400, field], JSON.stringify(bad.body))
  }
})

test('http quarantine - a rule naming the instance, shown quarantined once its heartbeat says so, released by DELETE', async (t) => {
  const { call, nats, client } = await setup(t)
  const web1 = await startIncidentInstance(nats.url, { service: 'checkout', instance: 'web1' })
  t.after(() => web1.close())
  const path = '/api/v1/services/checkout/instances/web1/quarantine'
  const set = await call('POST', path, { reason: 'leaking memory', ttlMs: 3_600_000 }, { 'x-prodbench-author': 'ann' })
  assert.equal(set.status, 200, JSON.stringify(set.body))
  const rule = set.body.rules[0]
  assert.deepEqual(
    [rule.selector, rule.quarantine, rule.reason, rule.author],
    [{ service: 'checkout', instance: 'web1' }, { reason: 'leaking memory' }, 'leaking memory', 'ann'],
  )
  assert.ok(rule.expiresAt > Date.now())
  const listed = await client.listRules({ service: 'checkout' })
  assert.deepEqual(
    listed.rules?.map((r) => r.id),
    [rule.id],
  )

  const before = await call('GET', '/api/v1/instances?service=checkout')
  assert.equal(before.body.instances[0].quarantined, false)
  web1.quarantine = { active: true, ruleId: rule.id, reason: 'leaking memory', author: 'ann', since: 5 }
  web1.heartbeat()
  await eventually(
    async () => (await call('GET', '/api/v1/instances?service=checkout')).body.instances[0].quarantined === true,
    5_000,
    'marked quarantined',
  )
  const after = await call('GET', '/api/v1/instances?service=checkout')
  assert.deepEqual(after.body.instances[0].quarantine, {
    ruleId: rule.id,
    reason: 'leaking memory',
    author: 'ann',
    since: 5,
  })

  const released = await call('DELETE', path)
  assert.equal(released.status, 200, JSON.stringify(released.body))
  assert.deepEqual(
    released.body.rules.map((r: { id: string }) => r.id),
    [rule.id],
  )
  assert.deepEqual((await client.listRules({ service: 'checkout' })).rules ?? [], [])
  const again = await call('DELETE', path)
  assert.deepEqual([again.status, again.body.code], [404, 'PB_NOT_FOUND'])
})

test('http quarantine - bad fields are named as the body names them', async (t) => {
  const { call } = await setup(t)
  for (const [path, body, field] of [
    ['/api/v1/services/checkout/instances/web1/quarantine', { reason: 5 }, 'reason'],
    ['/api/v1/services/checkout/instances/web1/quarantine', { ttlMs: 'soon' }, 'ttlMs'],
    ['/api/v1/services/checkout/instances/web%201/quarantine', {}, 'instance'],
    ['/api/v1/services/checkout/instances/web1/quarantine', { rule: { level: 'debug' } }, 'rule'],
  ] as const) {
    const bad = await call('POST', path, body)
    assert.deepEqual([bad.status, bad.body.field], [400, field], JSON.stringify(bad.body))
    assert.ok(bad.body.message.startsWith(`${field}: `), bad.body.message)
  }
})

test('http audit - changes made through the gateway are listed, newest first, with their route and result', async (t) => {
  const { call } = await setup(t)
  await call('POST', '/api/v1/services/checkout/instances/web1/quarantine', { reason: 'test' })
  await call('POST', '/api/v1/services/checkout/instances/web1/quarantine', { reason: 5 })
  const audit = await call('GET', '/api/v1/audit?service=checkout')
  assert.equal(audit.status, 200, JSON.stringify(audit.body))
  assert.deepEqual(
    audit.body.records.map((r: { method: string; result: string; transport: string }) => [
      r.method,
      r.result,
      r.transport,
    ]),
    [
      ['POST /api/v1/services/:service/instances/:instance/quarantine', 'PB_INVALID_ARGUMENT', 'http'],
      ['POST /api/v1/services/:service/instances/:instance/quarantine', 'ok', 'http'],
    ],
  )
  const later = await call('GET', `/api/v1/audit?since=${Date.now() + 3_600_000}`)
  assert.deepEqual(later.body.records, [], 'since is a unix time in ms')
  const bad = await call('GET', '/api/v1/audit?limit=100000')
  assert.deepEqual([bad.status, bad.body.field], [400, 'limit'])
})
