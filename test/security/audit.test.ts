import assert from 'node:assert/strict'
import { test } from 'node:test'
import { protoRoot } from '@prodbench/proto'
import { createToken, startSecuredControlPlane } from './secured-control-plane.js'

interface Row {
  who: string
  role?: string
  authorHint?: string
  peer?: string
  method: string
  service?: string
  result: string
  reason?: string
  request?: string
  message?: string
}

test('audit - every accepted and refused change is in PRODBENCH_AUDIT with who, why, from where and the result', async (t) => {
  const plane = await startSecuredControlPlane(t)
  const alice = await createToken(plane, 'alice', 'operator', 'checkout')
  const viewer = await createToken(plane, 'vera', 'viewer')
  await plane.ctl(['set-level', 'svc=checkout', 'warn', '--reason', 'too chatty'], alice)
  await plane.ctl(['set-level', 'svc=payments', 'warn', '--reason', 'not mine'], alice)
  await plane.ctl(['set-level', 'svc=checkout', 'debug', '--ttl', '5h', '--reason', 'long hunt'], alice)
  await plane.ctl(['set-level', 'svc=checkout', 'error', '--reason', 'viewer tries'], viewer)
  await plane.ctl(['set-level', 'svc=checkout', 'error', '--reason', 'nobody'])
  await plane.ctl(['reset', 'svc=checkout', '--reason', 'done'], alice)
  // Reads are not audited.
  await plane.ctl(['rules', 'svc=checkout'], alice)

  const listed = await plane.ctl(['--json', 'audit', '--since', '10m'], plane.adminToken)
  assert.equal(listed.code, 0, listed.err)
  const rows: Row[] = JSON.parse(listed.out).records
  const brief = rows.map((r) => [r.who, r.method, r.service ?? '', r.result, r.reason ?? ''])
  assert.deepEqual(brief, [
    ['admin', 'CreateToken', '', 'ok', ''],
    ['admin', 'CreateToken', '', 'ok', ''],
    ['alice', 'SetRule', 'checkout', 'ok', 'too chatty'],
    ['alice', 'SetRule', 'payments', 'PB_PERMISSION_DENIED', 'not mine'],
    ['alice', 'SetRule', 'checkout', 'PB_OVER_CEILING', 'long hunt'],
    ['vera', 'SetRule', 'checkout', 'PB_PERMISSION_DENIED', 'viewer tries'],
    ['(unauthenticated)', 'SetRule', 'checkout', 'PB_UNAUTHENTICATED', 'nobody'],
    ['alice', 'RemoveRules', 'checkout', 'ok', 'done'],
  ])
  const first = rows[2] as Row
  assert.equal(first.role, 'operator')
  assert.match(first.authorHint ?? '', /@/)
  assert.match(first.peer ?? '', /127\.0\.0\.1/)
  assert.match(first.request ?? '', /"service":"checkout".*"level":"warn"/)
  assert.match(rows[4]?.message ?? '', /maxDebugTtlMs/)
  // The token made by CreateToken is never in the log, only its name.
  assert.ok(!listed.out.includes(alice) && listed.out.includes('"name\\":\\"alice\\"'))

  // An operator sees the records of its services only (no token changes, no payments).
  const own: Row[] = JSON.parse((await plane.ctl(['--json', 'audit'], alice)).out).records
  assert.deepEqual([...new Set(own.map((r) => r.service))], ['checkout'])
  const one: Row[] = JSON.parse((await plane.ctl(['--json', 'audit', 'svc=checkout'], plane.adminToken)).out).records
  assert.ok(one.length === 5 && one.every((r) => r.service === 'checkout'))
})

test('audit - the records are in the JetStream stream itself, which refuses deletes and purges', async (t) => {
  const plane = await startSecuredControlPlane(t)
  await plane.ctl(['set-level', 'svc=checkout', 'warn', '--reason', 'stored?'], plane.adminToken)
  const nc = await plane.nats.connectAs('control-plane')
  const jsm = await nc.jetstreamManager()
  const info = await jsm.streams.info('PRODBENCH_AUDIT')
  assert.equal(info.config.deny_delete, true)
  assert.equal(info.config.deny_purge, true)
  const stored = await jsm.streams.getMessage('PRODBENCH_AUDIT', { last_by_subj: 'pb.v1.audit.checkout' })
  const record = protoRoot
    .lookupType('prodbench.v1.AuditRecord')
    .toObject(protoRoot.lookupType('prodbench.v1.AuditRecord').decode(stored.data))
  assert.equal(record.who, 'admin')
  assert.equal(record.reason, 'stored?')
  // Even the control plane's own credentials cannot erase it.
  await assert.rejects(jsm.streams.purge('PRODBENCH_AUDIT'), /Permissions Violation/)
  await assert.rejects(jsm.streams.deleteMessage('PRODBENCH_AUDIT', stored.seq), /Permissions Violation/)
  await assert.rejects(jsm.streams.delete('PRODBENCH_AUDIT'), /Permissions Violation/)
})
