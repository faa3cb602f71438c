import assert from 'node:assert/strict'
import { test } from 'node:test'
import { status } from '@grpc/grpc-js'
import type { ScalarWindowMessage } from '@prodbench/proto'
import { startCaptureFleet, until } from './fixtures/capture-fleet.js'
import { startFakeInstance } from './fixtures/fake-instance.js'
import { collect } from './fixtures/histogram-fixtures.js'
import { grpcFailure, startTestControlPlane } from './fixtures/test-control-plane.js'

const point = (metric: string, kind: 'counter' | 'gauge', amount: number) =>
  kind === 'counter'
    ? { metric, kind, unit: '1', delta: amount, value: amount }
    : { metric, kind, unit: '1', value: amount, min: amount, max: amount, samples: 1 }

test('watch-metrics - a metric pattern filters the series; the backlog comes first; the stream ends OK when the capture is removed', async (t) => {
  const { fleet, captureId, client, cp } = await startCaptureFleet(t, ['i-1'], { metric: '**' })
  const e0 = Math.ceil(Date.now() / 1_000) * 1_000
  const publish = (endMs: number, seq: number) =>
    fleet[0]?.publishScalars({
      captureId,
      endMs,
      seq,
      points: [
        point('orders.placed', 'counter', seq),
        point('orders.failed', 'counter', 1),
        point('queue.depth', 'gauge', 9),
      ],
    })
  publish(e0, 1)
  await until(() => cp.stats().scalars.windowsClosed === 1)

  const all = collect<ScalarWindowMessage>(client.watchMetrics({ service: 'checkout' }))
  const orders = collect<ScalarWindowMessage>(
    client.watchMetrics({ service: 'checkout', metric: 'orders.*', backlog: 5 }),
  )
  await until(() => cp.stats().scalars.watchers === 2)
  const [backlog] = await orders.next(1)
  assert.equal(Number(backlog?.endMs), e0, 'the kept window comes first')
  assert.deepEqual(
    backlog?.series?.map((s) => s.metric),
    ['orders.failed', 'orders.placed'],
  )

  publish(e0 + 1_000, 2)
  const [, live] = await orders.next(2)
  assert.deepEqual(
    live?.series?.map((s) => [s.metric, s.sum]),
    [
      ['orders.failed', 1],
      ['orders.placed', 2],
    ],
  )
  const [unfiltered] = await all.next(1)
  assert.deepEqual(
    unfiltered?.series?.map((s) => s.metric),
    ['orders.failed', 'orders.placed', 'queue.depth'],
  )

  await client.removeRules({ service: 'checkout', ruleIds: [captureId] })
  assert.equal((await orders.ended).code, status.OK)
  assert.equal((await all.ended).code, status.OK)
  assert.equal(orders.windows.length, 2)
  await until(() => cp.stats().scalars.watchers === 0)
})

test('watch-metrics - no capture is NOT_FOUND with how to start one; a bad pattern or a capture of other metrics is INVALID_ARGUMENT', async (t) => {
  const { captureId, client } = await startCaptureFleet(t, ['i-1'], { metric: 'orders.**' })

  const missing = collect<ScalarWindowMessage>(client.watchMetrics({ service: 'billing', metric: 'orders.*' }))
  const notFound = await missing.ended
  assert.equal(notFound.code, status.NOT_FOUND)
  assert.match(notFound.details, /start one: ctl capture start svc=billing metric=orders\.\*/)

  const other = collect<ScalarWindowMessage>(client.watchMetrics({ service: 'checkout', metric: 'queue.*' }))
  assert.equal((await other.ended).code, status.NOT_FOUND)

  const badPattern = collect<ScalarWindowMessage>(client.watchMetrics({ service: 'checkout', metric: 'a..b' }))
  const bad = await badPattern.ended
  assert.equal(bad.code, status.INVALID_ARGUMENT)
  assert.match(bad.details, /^metric: /)

  const wrongCapture = collect<ScalarWindowMessage>(
    client.watchMetrics({ service: 'checkout', captureId, metric: 'queue.depth' }),
  )
  const wrong = await wrongCapture.ended
  assert.equal(wrong.code, status.INVALID_ARGUMENT)
  assert.match(wrong.details, /covers orders\.\*\*, not queue\.depth/)
})

test('list-metrics - lists each live instance with its instruments, kinds and last values; a bad service name is INVALID_ARGUMENT', async (t) => {
  const { nats, client, cp } = await startTestControlPlane(t)
  const fakes = await Promise.all(
    ['i-2', 'i-1'].map((instance) =>
      startFakeInstance(nats.url, { service: 'checkout', instance, intervalMs: 60_000 }),
    ),
  )
  t.after(() => Promise.all(fakes.map((f) => f.close())))
  fakes[0]?.heartbeat({}, [{ name: 'queue.depth', kind: 'gauge', unit: '1', value: 7, series: 1, overflow: 0 }])
  fakes[1]?.heartbeat({}, [
    { name: 'orders.placed', kind: 'counter', unit: '1', value: 42, series: 2, overflow: 3 },
    { name: 'http.server.duration', kind: 'histogram', unit: 'us', value: 1000, series: 1, overflow: 0 },
  ])
  await Promise.all(fakes.map((f) => f.flush()))
  await until(() => cp.stats().instances === 2)

  const listed = await answered(async () => {
    const res = await client.listMetrics({ service: 'checkout' })
    return res.instances?.every((i) => (i.metrics ?? []).length > 0) ? res : undefined
  })
  assert.equal(listed.service, 'checkout')
  assert.deepEqual(
    listed.instances?.map((i) => [
      i.instance,
      (i.metrics ?? []).map((m) => [m.name, m.kind, m.unit, m.value ?? 0, m.series ?? 0, Number(m.overflow ?? 0)]),
    ]),
    [
      [
        'i-1',
        [
          ['orders.placed', 'counter', '1', 42, 2, 3],
          ['http.server.duration', 'histogram', 'us', 1000, 1, 0],
        ],
      ],
      ['i-2', [['queue.depth', 'gauge', '1', 7, 1, 0]]],
    ],
  )

  const empty = await client.listMetrics({ service: 'billing' })
  assert.deepEqual(empty.instances ?? [], [])
  await assert.rejects(client.listMetrics({ service: 'bad service' }), (err) => {
    const failure = grpcFailure(err)
    assert.equal(failure.code, status.INVALID_ARGUMENT)
    assert.equal(failure.field, 'service')
    return true
  })
})

/** Retries `attempt` until it returns a value (bounded). */
async function answered<T>(attempt: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await attempt()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error('no answer in time')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
