import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { status } from '@grpc/grpc-js'
import { grpcFailure, startTestControlPlane } from './fixtures/test-control-plane.js'

const capture = (metric: string, intervalMs = 1_000) => ({ metric, intervalMs })

test('capture rules - SetRule validates rule.capture and names the bad field', async (t) => {
  const { client } = await startTestControlPlane(t)
  const svc = { service: 'checkout' }
  const cases: Array<[unknown, RegExp, string]> = [
    [{ selector: svc, capture: capture('http..duration') }, /^rule\.capture\.metric: /, 'rule.capture.metric'],
    [{ selector: svc, capture: capture('http.**.x') }, /^rule\.capture\.metric: /, 'rule.capture.metric'],
    [{ selector: svc, capture: capture('http.server.duration', 1_500) }, /whole seconds/, 'rule.capture.interval_ms'],
    [{ selector: svc, capture: capture('http.server.duration', 500) }, /^rule\.capture\.interval_ms: /, ''],
    [{ selector: svc, capture: capture('http.server.duration', 3_601_000) }, /^rule\.capture\.interval_ms: /, ''],
    [{ selector: svc, capture: { metric: 'http.server.duration' } }, /^rule\.capture\.interval_ms: /, ''],
    [
      { selector: { ...svc, logger: 'db' }, capture: capture('http.server.duration') },
      /^rule\.selector\.logger: a capture selects metrics/,
      'rule.selector.logger',
    ],
    [{ selector: svc }, /^rule\.level: exactly one action/, 'rule.level'],
  ]
  for (const [rule, message, field] of cases) {
    const failure = grpcFailure(await client.setRule({ rule } as never).catch((e) => e))
    assert.equal(failure.code, status.INVALID_ARGUMENT, JSON.stringify(rule))
    assert.match(failure.details, message, JSON.stringify(rule))
    if (field) assert.equal(failure.field, field)
  }
  assert.deepEqual((await client.listRules({ service: 'checkout' })).rules ?? [], [])
})

test('capture rules - a valid capture is stored with its metric, interval and expiry, and listed', async (t) => {
  const { client } = await startTestControlPlane(t)
  const res = await client.setRule(
    { rule: { selector: { service: 'checkout', instance: 'i-1' }, capture: capture('http.*', 5_000), ttlMs: 600_000 } },
    { 'x-prodbench-author': 'ana@laptop' },
  )
  const [rule] = res.rules ?? []
  assert.deepEqual(rule?.capture, { metric: 'http.*', intervalMs: 5_000 })
  assert.equal(rule?.level, undefined)
  assert.equal(rule?.action, 'capture')
  assert.equal((rule?.expiresAt ?? 0) - (rule?.createdAt ?? 0), 600_000)
  const listed = await client.listRules({ service: 'checkout' })
  assert.deepEqual(
    listed.rules?.map((r) => [r.id, r.capture, r.selector?.instance]),
    [[rule?.id, { metric: 'http.*', intervalMs: 5_000 }, 'i-1']],
  )
})

test('capture rules - a level never replaces a capture, nor a capture a level, on the same selector', async (t) => {
  const { client } = await startTestControlPlane(t)
  const selector = { service: 'checkout' }
  const level = await client.setRule({ rule: { selector, level: 'debug' } })
  const http = await client.setRule({ rule: { selector, capture: capture('http.server.duration') } })
  assert.deepEqual(http.replacedIds ?? [], [])
  const db = await client.setRule({ rule: { selector, capture: capture('db.**') } })
  assert.deepEqual(db.replacedIds ?? [], [], 'another metric pattern is another capture')
  const level2 = await client.setRule({ rule: { selector, level: 'warn' } })
  assert.deepEqual(level2.replacedIds, [level.rules?.[0]?.id])
  const http2 = await client.setRule({ rule: { selector, capture: capture('http.server.duration', 2_000) } })
  assert.deepEqual(http2.replacedIds, [http.rules?.[0]?.id], 'same selector and metric: the capture is replaced')
  const other = await client.setRule({
    rule: { selector: { service: 'checkout', instance: 'i-1' }, capture: capture('http.server.duration') },
  })
  assert.deepEqual(other.replacedIds ?? [], [], 'another selector is another capture')

  const listed = await client.listRules({ service: 'checkout' })
  assert.deepEqual(
    listed.rules?.map((r) => r.id),
    [db.rules?.[0]?.id, level2.rules?.[0]?.id, http2.rules?.[0]?.id, other.rules?.[0]?.id],
  )
})

test('capture rules - past maxCaptures SetRule is RESOURCE_EXHAUSTED naming the limit; replacing and expiry free slots', async (t) => {
  const { client } = await startTestControlPlane(t, { maxCaptures: 2 })
  const selector = { service: 'checkout' }
  await client.setRule({ rule: { selector, capture: capture('a.x') } })
  const short = await client.setRule({ rule: { selector, capture: capture('b.x'), ttlMs: 1_000 } })
  const failure = grpcFailure(await client.setRule({ rule: { selector, capture: capture('c.x') } }).catch((e) => e))
  assert.equal(failure.code, status.RESOURCE_EXHAUSTED)
  assert.equal(failure.pbCode, 'PB_TOO_MANY_CAPTURES')
  assert.match(failure.details, /checkout already has 2 active captures, the limit \(maxCaptures\)/)
  // Level rules do not count.
  await client.setRule({ rule: { selector, level: 'debug' } })
  // Replacing a capture at the limit is allowed: the count does not grow.
  const replaced = await client.setRule({ rule: { selector, capture: capture('a.x', 2_000) } })
  assert.equal(replaced.replacedIds?.length, 1)
  // Once the short one expired, its slot is free again.
  await sleep(Math.max(0, (short.rules?.[0]?.expiresAt ?? 0) - Date.now()) + 50)
  const third = await client.setRule({ rule: { selector, capture: capture('c.x') } })
  assert.deepEqual(third.rules?.[0]?.capture, { metric: 'c.x', intervalMs: 1_000 })
  const listed = await client.listRules({ service: 'checkout' })
  assert.equal(listed.rules?.filter((r) => r.capture).length, 2)
})
