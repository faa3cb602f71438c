import assert from 'node:assert/strict'
import { test } from 'node:test'
import { status } from '@grpc/grpc-js'
import { fitReplies } from '../src/dumps/index.js'
import { startFakeInstance } from './fixtures/fake-instance.js'
import { connectLogsClient } from './fixtures/logs-client.js'
import { grpcFailure, startTestControlPlane } from './fixtures/test-control-plane.js'

const line = (instance: string, n: number) => JSON.stringify({ level: 20, time: n, msg: `step ${n}`, instance })

test('dump - gathers the flight recorders of every live instance and lists the ones that did not answer', async (t) => {
  const { nats, cp } = await startTestControlPlane(t)
  const web1 = await startFakeInstance(nats.url, { service: 'checkout', instance: 'web1' })
  const web2 = await startFakeInstance(nats.url, { service: 'checkout', instance: 'web2' })
  // Subscribed but never answers (a stuck event loop), and not subscribed at all (no flight recorder).
  const stuck = await startFakeInstance(nats.url, { service: 'checkout', instance: 'web3', onDump: () => undefined })
  const bare = await startFakeInstance(nats.url, { service: 'checkout', instance: 'web4', noDump: true })
  const other = await startFakeInstance(nats.url, { service: 'payments', instance: 'pay1' })
  for (const fake of [web1, web2, stuck, bare, other]) t.after(() => fake.close())
  for (let n = 1; n <= 5; n++) web1.record(line('web1', n))
  web2.record(line('web2', 1))
  other.record(line('pay1', 1))
  const logs = connectLogsClient(cp.grpcAddress)
  t.after(() => logs.close())

  const res = await logs.dump({
    service: 'checkout',
    last: 3,
    where: { user: '42' },
    logger: 'db',
    level: 'debug',
    waitMs: 500,
  })
  const byInstance = Object.fromEntries((res.instances ?? []).map((r) => [r.identity?.instance, r.records ?? []]))
  assert.deepEqual(Object.keys(byInstance).sort(), ['web1', 'web2'])
  assert.deepEqual(byInstance.web1, [line('web1', 3), line('web1', 4), line('web1', 5)])
  assert.deepEqual(byInstance.web2, [line('web2', 1)])
  assert.deepEqual(res.missing, ['web3', 'web4'])
  // What the instance was asked, as the SDK sees it.
  assert.deepEqual(web1.dumpRequests, [{ last: 3, where: { user: '42' }, logger: 'db', level: 'debug' }])
  assert.equal(other.dumpRequests.length, 0, 'another service is not asked')
  assert.deepEqual(cp.stats().dumps, { dumps: 1, replies: 2, missing: 2, rejected: 0, trimmed: 0 })
})

test('dump - inst= asks one instance only, with last 500 by default', async (t) => {
  const { nats, cp } = await startTestControlPlane(t)
  const web1 = await startFakeInstance(nats.url, { service: 'checkout', instance: 'web1' })
  const web2 = await startFakeInstance(nats.url, { service: 'checkout', instance: 'web2' })
  t.after(() => web1.close())
  t.after(() => web2.close())
  web2.record(line('web2', 1))
  const logs = connectLogsClient(cp.grpcAddress)
  t.after(() => logs.close())
  const res = await logs.dump({ service: 'checkout', instance: 'web2' })
  assert.deepEqual(
    res.instances?.map((r) => [r.identity?.instance, r.records]),
    [['web2', [line('web2', 1)]]],
  )
  assert.deepEqual(res.missing ?? [], [])
  assert.deepEqual(web2.dumpRequests, [{ last: 500 }])
  assert.equal(web1.dumpRequests.length, 0)
  const gone = await logs.dump({ service: 'checkout', instance: 'web9', waitMs: 200 })
  assert.deepEqual([gone.instances ?? [], gone.missing], [[], ['web9']])
})

test('dump - a reply from another instance than asked is not taken as its answer', async (t) => {
  const { nats, cp } = await startTestControlPlane(t)
  // Answers on web1's subject with web2's identity (a misrouted or forged reply).
  const web1 = await startFakeInstance(nats.url, {
    service: 'checkout',
    instance: 'web1',
    onDump: () => ({ records: ['{}'], identity: { service: 'checkout', instance: 'web2' } }),
  })
  t.after(() => web1.close())
  const logs = connectLogsClient(cp.grpcAddress)
  t.after(() => logs.close())
  const res = await logs.dump({ service: 'checkout', instance: 'web1' })
  assert.deepEqual(res.instances?.[0]?.records ?? [], [])
  assert.match(res.instances?.[0]?.error ?? '', /named another instance/)
  assert.equal(cp.stats().dumps.rejected, 1)
})

test('dump - bad requests are INVALID_ARGUMENT naming the field', async (t) => {
  const { cp } = await startTestControlPlane(t)
  const logs = connectLogsClient(cp.grpcAddress)
  t.after(() => logs.close())
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ service: 'check out' }, 'service'],
    [{ service: 'checkout', last: 1_000_000 }, 'last'],
    [{ service: 'checkout', where: { user: '' } }, 'where.user'],
    [{ service: 'checkout', level: 'loud' }, 'level'],
    [{ service: 'checkout', logger: 'a..b' }, 'logger'],
    [{ service: 'checkout', waitMs: 3_600_000 }, 'wait_ms'],
  ]
  for (const [request, field] of cases) {
    const failure = grpcFailure(await logs.dump(request).catch((e) => e))
    assert.equal(failure.code, status.INVALID_ARGUMENT, JSON.stringify(request))
    assert.equal(failure.field, field)
  }
})

test('dump - an answer over its byte bound keeps each instance fair and newest, and says so', () => {
  const records = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`.padEnd(10, '.'))
  const small = { identity: { instance: 'a' }, records: records('a', 2) }
  const large = { identity: { instance: 'b' }, records: records('b', 20) }
  const { replies, trimmed } = fitReplies([small, large], 100)
  assert.deepEqual(replies[0], small, 'under its share: untouched')
  assert.deepEqual(replies[1]?.records, records('b', 20).slice(12))
  assert.equal(trimmed, 12)
  assert.match(replies[1]?.error ?? '', /kept the newest 8 of 20 records: .*dumps\.maxResponseBytes/)
})
