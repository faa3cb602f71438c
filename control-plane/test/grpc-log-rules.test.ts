import assert from 'node:assert/strict'
import { test } from 'node:test'
import { status } from '@grpc/grpc-js'
import { startFakeInstance } from './fixtures/fake-instance.js'
import { grpcFailure, startTestControlPlane } from './fixtures/test-control-plane.js'

test('log rules - where, sample, budget, record and tail rules round-trip through gRPC and KV', async (t) => {
  const { nats, client } = await startTestControlPlane(t)
  const fake = await startFakeInstance(nats.url, { service: 'checkout', instance: 'web1' })
  t.after(() => fake.close())
  const specs: Array<Record<string, unknown>> = [
    { selector: { service: 'checkout', logger: 'db', where: { user: '42', tenant: 'acme' } }, level: 'debug' },
    { selector: { service: 'checkout', logger: 'db' }, sample: { level: 'debug', rate: 0.1 } },
    { selector: { service: 'checkout', instance: 'web1' }, budget: { recordsPerSec: 1_000, bytesPerSec: 1_048_576 } },
    { selector: { service: 'checkout', where: { route: '/pay' } }, record: { level: 'trace' } },
    { selector: { service: 'checkout', logger: 'http' }, tail: { level: 'info', maxPerSec: 20 } },
  ]
  let revision = 0
  for (const rule of specs) {
    const res = await client.setRule({ rule: { ...rule, ttlMs: 900_000 } as never, waitMs: 5_000 })
    assert.equal(res.rollout?.complete, true, JSON.stringify(rule))
    assert.deepEqual(res.rollout?.applied, ['web1'])
    revision = res.rollout?.revision ?? 0
  }
  const listed = await client.listRules({ service: 'checkout' })
  assert.equal(listed.revision, revision)
  const strip = (r: Record<string, unknown>) => {
    const { id: _id, createdAt: _c, expiresAt: _e, author: _a, action: _k, ...rest } = r
    return rest
  }
  assert.deepEqual(
    listed.rules?.map((r) => strip(r as Record<string, unknown>)),
    specs,
  )
  assert.deepEqual(
    listed.rules?.map((r) => r.action),
    ['level', 'sample', 'budget', 'record', 'tail'],
  )
  // What an instance reads from KV is the same: the where map and every action survive the encoding.
  assert.deepEqual(
    fake.rules.map((r) => strip(r as Record<string, unknown>)),
    specs,
  )
})

test('log rules - one rule per selector (where included) and action kind', async (t) => {
  const { client } = await startTestControlPlane(t)
  const set = (rule: Record<string, unknown>) => client.setRule({ rule: rule as never })
  const user42 = await set({ selector: { service: 'checkout', where: { user: '42' } }, level: 'debug' })
  const user7 = await set({ selector: { service: 'checkout', where: { user: '7' } }, level: 'debug' })
  const plain = await set({ selector: { service: 'checkout' }, level: 'warn' })
  const sample = await set({ selector: { service: 'checkout' }, sample: { level: 'debug', rate: 0.5 } })
  const again = await set({ selector: { service: 'checkout', where: { user: '42' } }, level: 'trace' })
  const sample2 = await set({ selector: { service: 'checkout' }, sample: { level: 'debug', rate: 0.2 } })
  assert.deepEqual(again.replacedIds, [user42.rules?.[0]?.id])
  assert.deepEqual(sample2.replacedIds, [sample.rules?.[0]?.id])
  // Two tails on one selector are two viewers: neither replaces the other.
  const tail1 = await set({ selector: { service: 'checkout' }, tail: {} })
  const tail2 = await set({ selector: { service: 'checkout' }, tail: {} })
  assert.deepEqual(tail2.replacedIds ?? [], [])
  const ids = (await client.listRules({ service: 'checkout' })).rules?.map((r) => r.id)
  assert.deepEqual(ids, [
    user7.rules?.[0]?.id,
    plain.rules?.[0]?.id,
    again.rules?.[0]?.id,
    sample2.rules?.[0]?.id,
    tail1.rules?.[0]?.id,
    tail2.rules?.[0]?.id,
  ])
})

test('log rules - a tail rule set with SetRule gets the default TTL and at most the maximum', async (t) => {
  const { client } = await startTestControlPlane(t, { tails: { defaultTtlMs: 60_000, maxTtlMs: 120_000 } })
  const res = await client.setRule({ rule: { selector: { service: 'checkout' }, tail: { level: 'debug' } } })
  const rule = res.rules?.[0]
  assert.equal((rule?.expiresAt ?? 0) - (rule?.createdAt ?? 0), 60_000)
  const failure = grpcFailure(
    await client.setRule({ rule: { selector: { service: 'checkout' }, tail: {}, ttlMs: 180_000 } }).catch((e) => e),
  )
  assert.equal(failure.code, status.INVALID_ARGUMENT)
  assert.equal(failure.field, 'rule.ttl_ms')
  assert.match(failure.details, /^rule\.ttl_ms: a tail lives at most 2m \(tails\.maxTtlMs\), got 3m/)
})

test('log rules - bad where, rate and budget are INVALID_ARGUMENT naming the field', async (t) => {
  const { client } = await startTestControlPlane(t)
  const cases: Array<[Record<string, unknown>, string, RegExp]> = [
    [
      { selector: { service: 'checkout', where: { user: '' } }, level: 'debug' },
      'rule.selector.where.user',
      /must not be empty/,
    ],
    [
      { selector: { service: 'checkout', where: { 'user id': '42' } }, level: 'debug' },
      'rule.selector.where.user id',
      /must start with a letter or "_"/,
    ],
    // Attribute names are data: not turned into snake_case like the proto's field names.
    [
      { selector: { service: 'checkout', where: { userId: 'x'.repeat(300) } }, level: 'debug' },
      'rule.selector.where.userId',
      /256/,
    ],
    [
      { selector: { service: 'checkout' }, sample: { level: 'debug', rate: 2 } },
      'rule.sample.rate',
      /must be at most 1 \(got 2\)/,
    ],
    [{ selector: { service: 'checkout' }, sample: { level: 'debug', rate: 0 } }, 'rule.sample.rate', /must be above 0/],
    [{ selector: { service: 'checkout' }, sample: { level: 'silent', rate: 0.5 } }, 'rule.sample.level', /./],
    [
      { selector: { service: 'checkout' }, budget: {} },
      'rule.budget.records_per_sec',
      /set recordsPerSec or bytesPerSec/,
    ],
    [
      { selector: { service: 'checkout', logger: 'db' }, budget: { recordsPerSec: 10 } },
      'rule.selector.logger',
      /a budget is per instance/,
    ],
    [
      { selector: { service: 'checkout', where: { user: '1' } }, budget: { recordsPerSec: 10 } },
      'rule.selector.where',
      /not requests/,
    ],
    [{ selector: { service: 'checkout' }, record: { level: 'loud' } }, 'rule.record.level', /./],
    [{ selector: { service: 'checkout' }, tail: { maxPerSec: 1_000_000 } }, 'rule.tail.max_per_sec', /./],
  ]
  for (const [rule, field, message] of cases) {
    const failure = grpcFailure(await client.setRule({ rule: rule as never }).catch((e) => e))
    assert.equal(failure.code, status.INVALID_ARGUMENT, JSON.stringify(rule))
    assert.equal(failure.pbCode, 'PB_INVALID_ARGUMENT', JSON.stringify(rule))
    assert.equal(failure.field, field, JSON.stringify(rule))
    assert.ok(failure.details.startsWith(`${field}: `), failure.details)
    assert.match(failure.details, message)
  }
})

test('log rules - a budget above the ceiling is refused naming the limit', async (t) => {
  const { client } = await startTestControlPlane(t, { maxBudget: { recordsPerSec: 5_000, bytesPerSec: 1_000_000 } })
  const records = grpcFailure(
    await client
      .setRule({ rule: { selector: { service: 'checkout' }, budget: { recordsPerSec: 6_000 } } })
      .catch((e) => e),
  )
  assert.equal(records.code, status.INVALID_ARGUMENT)
  assert.equal(records.pbCode, 'PB_OVER_CEILING')
  assert.equal(records.field, 'rule.budget.records_per_sec')
  assert.match(
    records.details,
    /6000 records\/s is above this control plane's ceiling of 5000 \(maxBudget\.recordsPerSec\)/,
  )
  const bytes = grpcFailure(
    await client
      .setRule({ rule: { selector: { service: 'checkout' }, budget: { bytesPerSec: 2_000_000 } } })
      .catch((e) => e),
  )
  assert.equal(bytes.field, 'rule.budget.bytes_per_sec')
  assert.match(bytes.details, /ceiling of 1000000 \(maxBudget\.bytesPerSec\)/)
  const ok = await client.setRule({ rule: { selector: { service: 'checkout' }, budget: { recordsPerSec: 5_000 } } })
  assert.deepEqual(ok.rules?.[0]?.budget, { recordsPerSec: 5_000, bytesPerSec: 0 })
})
