import assert from 'node:assert/strict'
import { test } from 'node:test'
import { status } from '@grpc/grpc-js'
import { grpcFailure, startTestControlPlane } from './fixtures/test-control-plane.js'

test('grpc - a bad service name is INVALID_ARGUMENT naming rule.selector.service', async (t) => {
  const { client } = await startTestControlPlane(t)
  const err = await client.setRule({ rule: { selector: { service: 'check out' }, level: 'debug' } }).catch((e) => e)
  const failure = grpcFailure(err)
  assert.equal(failure.code, status.INVALID_ARGUMENT)
  assert.match(
    failure.details,
    /^rule\.selector\.service: may only contain letters, digits, "_" and "-" \(got "check out"\)/,
  )
  assert.equal(failure.pbCode, 'PB_INVALID_ARGUMENT')
  assert.equal(failure.field, 'rule.selector.service')
})

test('grpc - bad level, ttl and missing rule each name their field', async (t) => {
  const { client } = await startTestControlPlane(t)
  const cases: Array<[unknown, RegExp]> = [
    [{ rule: { selector: { service: 'checkout' }, level: 'loud' } }, /^rule\.level: /],
    [{ rule: { selector: { service: 'checkout' } } }, /^rule\.level: /],
    [{ rule: { selector: { service: 'checkout', logger: 'db..pool' }, level: 'debug' } }, /^rule\.selector\.logger: /],
    [{ rule: { selector: { service: 'checkout' }, level: 'debug', ttlMs: 10 ** 12 } }, /^rule\.ttl_ms: /],
    [{ rule: { selector: { service: 'checkout' }, level: 'debug' }, waitMs: 3_600_000 }, /^wait_ms: /],
    [{}, /^rule: is required/],
  ]
  for (const [request, expected] of cases) {
    const failure = grpcFailure(await client.setRule(request as never).catch((e) => e))
    assert.equal(failure.code, status.INVALID_ARGUMENT, JSON.stringify(request))
    assert.match(failure.details, expected)
  }
})

test('grpc - SetRule with no live instance answers a complete rollout, 0 of 0', async (t) => {
  const { client } = await startTestControlPlane(t)
  const before = Date.now()
  const res = await client.setRule(
    { rule: { selector: { service: 'checkout', logger: 'db' }, level: 'debug', ttlMs: 900_000, reason: 'slow' } },
    { 'x-prodbench-author': 'ana@laptop' },
  )
  const [rule] = res.rules ?? []
  assert.match(rule?.id ?? '', /^r-[0-9a-f]{10}$/)
  assert.equal(rule?.author, 'ana@laptop')
  assert.equal(rule?.level, 'debug')
  assert.equal(rule?.reason, 'slow')
  assert.deepEqual(rule?.selector, { service: 'checkout', logger: 'db' })
  assert.ok((rule?.createdAt ?? 0) >= before)
  assert.equal((rule?.expiresAt ?? 0) - (rule?.createdAt ?? 0), 900_000)
  assert.equal(res.rollout?.revision, 1)
  assert.equal(res.rollout?.complete, true)
  assert.deepEqual([res.rollout?.applied ?? [], res.rollout?.pending ?? []], [[], []])
})

test('grpc - a rule with the same selector replaces the old one and names it', async (t) => {
  const { client } = await startTestControlPlane(t)
  const spec = { selector: { service: 'checkout', logger: 'db' }, level: 'debug' }
  const first = await client.setRule({ rule: spec })
  const other = await client.setRule({ rule: { ...spec, selector: { service: 'checkout' } } })
  const second = await client.setRule({ rule: { ...spec, level: 'trace' } })
  assert.deepEqual(second.replacedIds, [first.rules?.[0]?.id])
  const listed = await client.listRules({ service: 'checkout' })
  assert.deepEqual(
    listed.rules?.map((r) => [r.id, r.level]),
    [
      [other.rules?.[0]?.id, 'debug'],
      [second.rules?.[0]?.id, 'trace'],
    ],
  )
  assert.equal(listed.revision, 3)
  assert.equal(second.rules?.[0]?.author, 'anonymous')
})

test('grpc - ListRules and RemoveRules round trip, by id and by filter', async (t) => {
  const { client } = await startTestControlPlane(t)
  const ids: string[] = []
  for (const selector of [
    { service: 'checkout', logger: 'db' },
    { service: 'checkout', logger: 'http' },
    { service: 'checkout', instance: 'i-1' },
  ]) {
    const res = await client.setRule({ rule: { selector, level: 'debug' } })
    ids.push(res.rules?.[0]?.id ?? '')
  }
  const byId = await client.removeRules({ service: 'checkout', ruleIds: [ids[0] as string] })
  assert.deepEqual(
    byId.rules?.map((r) => r.id),
    [ids[0]],
  )
  assert.equal(byId.rollout?.revision, 4)
  const byFilter = await client.removeRules({ service: 'checkout', instance: 'i-1' })
  assert.deepEqual(
    byFilter.rules?.map((r) => r.id),
    [ids[2]],
  )
  const listed = await client.listRules({ service: 'checkout' })
  assert.deepEqual(
    listed.rules?.map((r) => r.id),
    [ids[1]],
  )
  const all = await client.removeRules({ service: 'checkout' })
  assert.deepEqual(
    all.rules?.map((r) => r.id),
    [ids[1]],
  )
  assert.deepEqual((await client.listRules({ service: 'checkout' })).rules ?? [], [])
})

test('grpc - removing an unknown rule id is NOT_FOUND naming it, and removes nothing', async (t) => {
  const { client } = await startTestControlPlane(t)
  const res = await client.setRule({ rule: { selector: { service: 'checkout' }, level: 'warn' } })
  const id = res.rules?.[0]?.id as string
  const failure = grpcFailure(
    await client.removeRules({ service: 'checkout', ruleIds: [id, 'r-nope'] }).catch((e) => e),
  )
  assert.equal(failure.code, status.NOT_FOUND)
  assert.match(failure.details, /no rule r-nope in service checkout/)
  assert.equal(failure.pbCode, 'PB_NOT_FOUND')
  assert.equal((await client.listRules({ service: 'checkout' })).rules?.length, 1)
})

test('grpc - removing by ids and a filter at once is INVALID_ARGUMENT', async (t) => {
  const { client } = await startTestControlPlane(t)
  const failure = grpcFailure(
    await client.removeRules({ service: 'checkout', ruleIds: ['r-1'], logger: 'db' }).catch((e) => e),
  )
  assert.equal(failure.code, status.INVALID_ARGUMENT)
  assert.match(failure.details, /^logger: cannot be combined with rule_ids/)
})

test('grpc - ListRules of a bad service name names the field', async (t) => {
  const { client } = await startTestControlPlane(t)
  const failure = grpcFailure(await client.listRules({ service: '' }).catch((e) => e))
  assert.equal(failure.code, status.INVALID_ARGUMENT)
  assert.match(failure.details, /^service: must not be empty/)
})
