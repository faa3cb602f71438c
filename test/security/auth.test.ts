import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { startControlPlane } from '../../control-plane/src/index.js'
import { startTestNats } from '../helpers/nats-server.js'
import { createToken, startSecuredControlPlane } from './secured-control-plane.js'

test('auth - ctl without a token is UNAUTHENTICATED: exit 1 and a message saying how to send one', async (t) => {
  const plane = await startSecuredControlPlane(t)
  const none = await plane.ctl(['ls'])
  assert.equal(none.code, 1)
  assert.match(none.err, /no credentials: send "authorization: Bearer <token>".*\(UNAUTHENTICATED\)/)
  const bad = await plane.ctl(['--json', 'ls'], `pbt_${'x'.repeat(43)}`)
  assert.equal(bad.code, 1)
  assert.equal(JSON.parse(bad.out).error.grpcCode, 'UNAUTHENTICATED')
  assert.match(bad.err, /the bearer token is not valid \(unknown, revoked or expired\)/)
  const admin = await plane.ctl(['ls'], plane.adminToken)
  assert.equal(admin.code, 0, admin.err)
})

test('auth - the first start writes an admin token (mode 0600) and reports where, never the token', async (t) => {
  const plane = await startSecuredControlPlane(t)
  const report = plane.cp.security.adminToken
  assert.equal(report?.created, true)
  assert.equal(((await stat(report?.file ?? '')).mode & 0o777).toString(8), '600')
  assert.match(plane.adminToken, /^pbt_[A-Za-z0-9_-]{43}$/)
  assert.ok(!JSON.stringify(plane.cp.security).includes(plane.adminToken))
})

test('auth - a viewer reads, but set-level is PERMISSION_DENIED naming operator on the service', async (t) => {
  const plane = await startSecuredControlPlane(t)
  const viewer = await createToken(plane, 'vera', 'viewer')
  assert.equal((await plane.ctl(['rules', 'svc=checkout'], viewer)).code, 0)
  const denied = await plane.ctl(['--json', 'set-level', 'svc=checkout', 'debug', '--ttl', '5m'], viewer)
  assert.equal(denied.code, 1)
  const error = JSON.parse(denied.out).error
  assert.equal(error.grpcCode, 'PERMISSION_DENIED')
  assert.match(error.details, /token "vera" \(viewer on every service\) lacks operator on service "checkout"/)
  // Token management needs an admin.
  const tokens = await plane.ctl(['token', 'ls'], viewer)
  assert.equal(tokens.code, 1)
  assert.match(tokens.err, /lacks admin on every service \(PERMISSION_DENIED\)/)
})

test('auth - an operator scoped to checkout changes checkout but cannot touch payments', async (t) => {
  const plane = await startSecuredControlPlane(t)
  const alice = await createToken(plane, 'alice', 'operator', 'checkout')
  const ok = await plane.ctl(['set-level', 'svc=checkout', 'warn', '--reason', 'quiet please'], alice)
  assert.equal(ok.code, 0, ok.err)
  const denied = await plane.ctl(['set-level', 'svc=payments', 'warn'], alice)
  assert.equal(denied.code, 1)
  assert.match(
    denied.err,
    /token "alice" \(operator on checkout\) lacks operator on service "payments" \(PERMISSION_DENIED\)/,
  )
  assert.match((await plane.ctl(['reset', 'svc=payments'], alice)).err, /lacks operator on service "payments"/)
  // Lists show only what the token covers.
  await plane.ctl(['set-level', 'svc=payments', 'warn'], plane.adminToken)
  const listed = JSON.parse((await plane.ctl(['--json', 'ls'], alice)).out)
  assert.deepEqual(
    listed.services.map((s: { service: string }) => s.service),
    ['checkout'],
  )
  // A glob scope: pay* covers payments.
  const bob = await createToken(plane, 'bob', 'operator', 'pay*')
  assert.equal((await plane.ctl(['set-level', 'svc=payments', 'error'], bob)).code, 0)
})

test('limits - a 5 h debug rule is refused naming maxDebugTtlMs; one without TTL gets the 1 h maximum', async (t) => {
  const plane = await startSecuredControlPlane(t)
  const long = await plane.ctl(['--json', 'set-level', 'svc=checkout', 'debug', '--ttl', '5h'], plane.adminToken)
  assert.equal(long.code, 1)
  const error = JSON.parse(long.out).error
  assert.equal(error.grpcCode, 'INVALID_ARGUMENT')
  assert.equal(error.details, 'rule.ttl_ms: a debug rule lives at most 1h (maxDebugTtlMs), got 5h')
  const trace = await plane.ctl(['set-level', 'svc=checkout', 'trace', 'logger=db', '--ttl', '2h'], plane.adminToken)
  assert.match(trace.err, /a trace rule lives at most 1h \(maxDebugTtlMs\)/)
  const forever = JSON.parse((await plane.ctl(['--json', 'set-level', 'svc=checkout', 'debug'], plane.adminToken)).out)
  const rule = forever.rules[0]
  assert.equal(rule.expiresAt - rule.createdAt, 3_600_000)
  // info and above are not limited.
  const info = JSON.parse((await plane.ctl(['--json', 'set-level', 'svc=checkout', 'info'], plane.adminToken)).out)
  assert.equal(info.rules[0].expiresAt ?? 0, 0)
})

test('limits - --max-debug-ttl (maxDebugTtlMs) moves the limit', async (t) => {
  const plane = await startSecuredControlPlane(t, { maxDebugTtlMs: 10 * 60_000 })
  const refused = await plane.ctl(['set-level', 'svc=checkout', 'debug', '--ttl', '15m'], plane.adminToken)
  assert.match(refused.err, /a debug rule lives at most 10m \(maxDebugTtlMs\), got 15m/)
  assert.equal((await plane.ctl(['set-level', 'svc=checkout', 'debug', '--ttl', '10m'], plane.adminToken)).code, 0)
})

test('tokens - a revoked token is UNAUTHENTICATED at once; a name cannot be taken twice', async (t) => {
  const plane = await startSecuredControlPlane(t)
  const carol = await createToken(plane, 'carol', 'operator')
  assert.equal((await plane.ctl(['ls'], carol)).code, 0)
  const again = await plane.ctl(['token', 'create', '--name', 'carol', '--role', 'viewer'], plane.adminToken)
  assert.match(again.err, /a token named "carol" exists; revoke it first.*\(ALREADY_EXISTS\)/)
  const listed = await plane.ctl(['--json', 'token', 'ls'], plane.adminToken)
  const names = JSON.parse(listed.out).tokens.map((token: { name: string }) => token.name)
  assert.deepEqual(names, ['admin', 'carol'])
  // The listing never carries a secret or a hash.
  assert.ok(!listed.out.includes(carol) && !/sha256|secret/.test(listed.out))
  const revoked = await plane.ctl(['token', 'revoke', 'carol', '--reason', 'left'], plane.adminToken)
  assert.equal(revoked.code, 0, revoked.err)
  assert.match((await plane.ctl(['ls'], carol)).err, /not valid.*UNAUTHENTICATED/)
})

test('auth - with an external NATS and a fresh data folder, the first start still writes the admin token', async (t) => {
  const nats = await startTestNats(t)
  const dataDir = await mkdtemp(join(tmpdir(), 'prodbench-fresh-'))
  t.after(() => rm(dataDir, { recursive: true, force: true }))
  const cp = await startControlPlane({ nats: nats.url, grpc: '127.0.0.1:0', dataDir, security: { auth: 'tokens' } })
  t.after(() => cp.close())
  assert.equal(cp.security.adminToken?.file, join(dataDir, 'security', 'admin.token'))
  assert.equal(((await stat(join(dataDir, 'security'))).mode & 0o777).toString(8), '700')
  assert.match((await readFile(join(dataDir, 'security', 'admin.token'), 'utf8')).trim(), /^pbt_/)
})
