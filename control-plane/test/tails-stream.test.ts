import assert from 'node:assert/strict'
import { test } from 'node:test'
import { status } from '@grpc/grpc-js'
import { eventually } from '../../test/helpers/eventually.js'
import { type FakeInstance, startFakeInstance } from './fixtures/fake-instance.js'
import { connectLogsClient, eventQueue } from './fixtures/logs-client.js'
import { grpcFailure, startTestControlPlane } from './fixtures/test-control-plane.js'

const record = (instance: string, n: number) =>
  JSON.stringify({ level: 20, time: 1_700_000_000_000 + n, logger: 'db', msg: `query ${n}`, instance })

async function fleet(url: string, t: { after(fn: () => Promise<void>): void }, count = 3): Promise<FakeInstance[]> {
  const instances: FakeInstance[] = []
  for (let i = 1; i <= count; i++) {
    const fake = await startFakeInstance(url, { service: 'checkout', instance: `web${i}` })
    t.after(() => fake.close())
    instances.push(fake)
  }
  return instances
}

test('tail - streams the batches of 3 instances, first event carrying the tail id', async (t) => {
  const { nats, client, cp } = await startTestControlPlane(t)
  const instances = await fleet(nats.url, t)
  const logs = connectLogsClient(cp.grpcAddress)
  t.after(() => logs.close())
  const call = logs.tail({
    selector: { service: 'checkout', logger: 'db', where: { user: '42' } },
    level: 'debug',
    maxPerSec: 50,
    reason: 'repro',
  })
  const stream = eventQueue(call)
  const first = await stream.next()
  assert.match(first?.tailId ?? '', /^r-[0-9a-f]{10}$/)
  assert.deepEqual(first?.records ?? [], [])
  const tailId = first?.tailId as string

  // The tail is a rule like any other: listed, with its selector, level, rate and default TTL.
  const { rules } = await client.listRules({ service: 'checkout' })
  const rule = rules?.find((r) => r.id === tailId)
  assert.deepEqual(rule?.selector, { service: 'checkout', logger: 'db', where: { user: '42' } })
  assert.deepEqual(rule?.tail, { level: 'debug', maxPerSec: 50 })
  assert.equal((rule?.expiresAt ?? 0) - (rule?.createdAt ?? 0), 10 * 60_000)
  assert.equal(rule?.reason, 'repro')

  for (const fake of instances) assert.equal((await fake.waitForTail()).id, tailId)
  instances.forEach((fake, i) => {
    fake.publishTail(tailId, [record(`web${i + 1}`, 1), record(`web${i + 1}`, 2)], { dropped: i })
  })
  const batches = [await stream.next(), await stream.next(), await stream.next()]
  assert.deepEqual(batches.map((b) => [b?.instance, b?.records?.length, b?.dropped ?? 0]).sort(), [
    ['web1', 2, 0],
    ['web2', 2, 1],
    ['web3', 2, 2],
  ])
  assert.equal(JSON.parse(batches[0]?.records?.[0] ?? '{}').msg, 'query 1')
  call.cancel()
})

test('tail - removes its rule when the viewer cancels', async (t) => {
  const { nats, client, cp } = await startTestControlPlane(t)
  await fleet(nats.url, t, 1)
  const logs = connectLogsClient(cp.grpcAddress)
  t.after(() => logs.close())
  const call = logs.tail({ selector: { service: 'checkout' } })
  call.on('error', () => {})
  const first = await eventQueue(call).next()
  const tailId = first?.tailId as string
  assert.ok((await client.listRules({ service: 'checkout' })).rules?.some((r) => r.id === tailId))
  call.cancel()
  await eventually(
    async () => !(await client.listRules({ service: 'checkout' })).rules?.some((r) => r.id === tailId),
    5_000,
    'the tail rule to be removed',
  )
  await eventually(() => cp.stats().tails.open === 0, 5_000, 'the tail to close')
  assert.equal(cp.stats().tails.opened, 1)
})

test('tail - ends with ended "ttl" when its TTL runs out, after the batches sent before', async (t) => {
  const { nats, cp } = await startTestControlPlane(t, { tails: { defaultTtlMs: 1_000 } })
  const [fake] = await fleet(nats.url, t, 1)
  const logs = connectLogsClient(cp.grpcAddress)
  t.after(() => logs.close())
  const stream = eventQueue(logs.tail({ selector: { service: 'checkout' }, ttlMs: 1_000 }))
  const tailId = (await stream.next())?.tailId as string
  await fake?.waitForTail()
  fake?.publishTail(tailId, [record('web1', 1)])
  assert.equal((await stream.next())?.records?.length, 1)
  const last = await stream.next()
  assert.deepEqual([last?.tailId, last?.ended], [tailId, 'ttl'])
  assert.equal(await stream.next(), undefined, 'the stream ends after the ttl event')
})

test('tail - ends with ended "removed" when someone else removes its rule', async (t) => {
  const { nats, client, cp } = await startTestControlPlane(t)
  await fleet(nats.url, t, 1)
  const logs = connectLogsClient(cp.grpcAddress)
  t.after(() => logs.close())
  const stream = eventQueue(logs.tail({ selector: { service: 'checkout' } }))
  const tailId = (await stream.next())?.tailId as string
  await client.removeRules({ service: 'checkout', ruleIds: [tailId], waitMs: 1_000 })
  const last = await stream.next()
  assert.equal(last?.ended, 'removed')
  assert.equal(await stream.next(), undefined)
})

test('tail - over tails.maxConcurrent is RESOURCE_EXHAUSTED naming the limit', async (t) => {
  const { cp } = await startTestControlPlane(t, { tails: { maxConcurrent: 1 } })
  const logs = connectLogsClient(cp.grpcAddress)
  t.after(() => logs.close())
  const open = logs.tail({ selector: { service: 'checkout' } })
  open.on('error', () => {})
  await eventQueue(open).next()
  const second = eventQueue(logs.tail({ selector: { service: 'checkout' } }))
  const failure = grpcFailure(await second.next().catch((e) => e))
  assert.equal(failure.code, status.RESOURCE_EXHAUSTED)
  assert.equal(failure.pbCode, 'PB_TOO_MANY_TAILS')
  assert.match(failure.details, /1 tails, the limit \(tails\.maxConcurrent\)/)
  assert.equal(cp.stats().tails.refused, 1)
  open.cancel()
})

test('tail - a bad where or a TTL over the maximum is INVALID_ARGUMENT naming the field', async (t) => {
  const { cp } = await startTestControlPlane(t)
  const logs = connectLogsClient(cp.grpcAddress)
  t.after(() => logs.close())
  const cases: Array<[Parameters<typeof logs.tail>[0], RegExp, string]> = [
    [
      { selector: { service: 'checkout', where: { user: '' } } },
      /^selector\.where\.user: must not be empty/,
      'PB_INVALID_ARGUMENT',
    ],
    [{ selector: { service: 'checkout' }, level: 'loud' }, /^level: /, 'PB_INVALID_ARGUMENT'],
    [
      { selector: { service: 'checkout' }, ttlMs: 2 * 3_600_000 },
      /^ttl_ms: a tail lives at most 1h \(tails\.maxTtlMs\)/,
      'PB_OVER_CEILING',
    ],
  ]
  for (const [request, expected, code] of cases) {
    const failure = grpcFailure(
      await eventQueue(logs.tail(request))
        .next()
        .catch((e) => e),
    )
    assert.equal(failure.code, status.INVALID_ARGUMENT, JSON.stringify(request))
    assert.match(failure.details, expected)
    assert.equal(failure.pbCode, code)
  }
  assert.equal(cp.stats().tails.open, 0)
})

test('tail - ends with UNAVAILABLE when its control plane closes, and its rule is removed on the way out', async (t) => {
  const first = await startTestControlPlane(t)
  const other = await startTestControlPlane(t, { nats: first.nats })
  const logs = connectLogsClient(first.cp.grpcAddress)
  t.after(() => logs.close())
  const stream = eventQueue(logs.tail({ selector: { service: 'checkout' } }))
  const tailId = (await stream.next())?.tailId
  assert.ok((await other.client.listRules({ service: 'checkout' })).rules?.some((r) => r.id === tailId))
  await first.cp.close()
  const failure = grpcFailure(await stream.next().catch((e) => e))
  assert.equal(failure.code, status.UNAVAILABLE)
  assert.match(failure.details, /shutting down/)
  assert.deepEqual((await other.client.listRules({ service: 'checkout' })).rules ?? [], [])
})
