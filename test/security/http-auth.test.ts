import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createToken, startSecuredControlPlane } from './secured-control-plane.js'

test('http - the gateway takes the same tokens, roles, scopes and audit log as gRPC', async (t) => {
  const plane = await startSecuredControlPlane(t, { http: '127.0.0.1:0' })
  const base = `http://${plane.cp.httpAddress}/api/v1`
  const call = async (
    method: string,
    path: string,
    token?: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    })
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }
  const rule = { rule: { level: 'warn', reason: 'from the UI' }, waitMs: 100 }

  const anonymous = await call('GET', '/services')
  assert.equal(anonymous.status, 401)
  assert.equal(anonymous.body.code, 'PB_UNAUTHENTICATED')

  const viewer = await createToken(plane, 'vera', 'viewer')
  assert.equal((await call('GET', '/services', viewer)).status, 200)
  const denied = await call('POST', '/services/checkout/rules', viewer, rule)
  assert.equal(denied.status, 403)
  assert.equal(denied.body.code, 'PB_PERMISSION_DENIED')
  assert.match(String(denied.body.message), /lacks operator on service "checkout"/)

  const alice = await createToken(plane, 'alice', 'operator', 'checkout')
  assert.equal((await call('POST', '/services/checkout/rules', alice, rule)).status, 200)
  assert.equal((await call('POST', '/services/payments/rules', alice, rule)).status, 403)
  // A browser session carries the token in its cookie.
  assert.equal(
    (await call('GET', '/services', undefined, undefined, { cookie: `prodbench_token=${alice}` })).status,
    200,
  )

  const audit = JSON.parse((await plane.ctl(['--json', 'audit', 'svc=checkout'], plane.adminToken)).out).records
  const http = audit.filter((r: { transport: string }) => r.transport === 'http')
  assert.deepEqual(
    http.map((r: { who: string; method: string; result: string }) => [r.who, r.method, r.result]),
    [
      ['vera', 'POST /api/v1/services/:service/rules', 'PB_PERMISSION_DENIED'],
      ['alice', 'POST /api/v1/services/:service/rules', 'ok'],
    ],
  )
  // A change made from the UI says why, and what it asked for, as one made with ctl does.
  const accepted = http.find((r: { result: string }) => r.result === 'ok')
  assert.equal(accepted.reason, 'from the UI')
  assert.match(accepted.request, /"level":"warn"/)
  assert.doesNotMatch(accepted.request, /from the UI/, 'the reason is kept in its own field only')
})

test('http - the admin UI signs in with a token: an HttpOnly, SameSite=Strict cookie the gateway then accepts', async (t) => {
  const plane = await startSecuredControlPlane(t, { http: '127.0.0.1:0' })
  const session = `http://${plane.cp.httpAddress}/api/v1/session`
  const operator = await createToken(plane, 'otto', 'operator', 'checkout')
  const refused = await fetch(session, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: `pbt_${'y'.repeat(43)}` }),
  })
  assert.equal(refused.status, 401)
  assert.equal(refused.headers.get('set-cookie'), null)
  const signedIn = await fetch(session, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: operator }),
  })
  assert.equal(signedIn.status, 200)
  assert.deepEqual(await signedIn.json(), { auth: 'tokens', name: 'otto', role: 'operator', services: ['checkout'] })
  const cookie = signedIn.headers.get('set-cookie') ?? ''
  assert.match(cookie, /^prodbench_token=pbt_[^;]+; HttpOnly; SameSite=Strict; Path=\/api; Max-Age=\d+$/)
  const who = await fetch(session, { headers: { cookie: cookie.split(';')[0] as string } })
  assert.equal(((await who.json()) as { name: string }).name, 'otto')
  assert.equal((await fetch(session)).status, 401)
})
