import assert from 'node:assert/strict'
import { test } from 'node:test'
import { codecs, type ScalarWindowMessage } from '@prodbench/proto'
import { subjects } from '@prodbench/sdk/core'
import { startCaptureFleet, until } from './fixtures/capture-fleet.js'
import { collect } from './fixtures/histogram-fixtures.js'

/** A 2 s capture of every instrument, so rates divide by something other than 1. */
const CAPTURE = { metric: '**', intervalMs: 2_000 }

/** The next 2 s window end at or after now. */
function nextEnd(now = Date.now()): number {
  return Math.ceil(now / 2_000) * 2_000
}

const counter = (metric: string, delta: number, value: number, labels: Record<string, string> = {}) => ({
  metric,
  kind: 'counter',
  unit: '1',
  labels,
  delta,
  value,
})
const gauge = (metric: string, value: number, min: number, max: number) => ({
  metric,
  kind: 'gauge',
  unit: '1',
  value,
  min,
  max,
  samples: 3,
})

/** A series' figures with proto3's omitted zeros filled in, for comparison. */
function figures(window: ScalarWindowMessage | undefined) {
  return (window?.series ?? []).map((s) => ({
    metric: s.metric,
    kind: s.kind,
    labels: s.labels ?? {},
    sum: s.sum ?? 0,
    rate: s.rate ?? 0,
    min: s.min ?? 0,
    max: s.max ?? 0,
    instances: (s.instances ?? []).map((i) => [i.instance, i.delta ?? 0, i.value ?? 0, i.min ?? 0, i.max ?? 0]),
  }))
}

test('scalars-merge - the merged counter rate across three instances is what they added per interval over the interval; gauges sum, min and max across instances with per-instance values', async (t) => {
  const { fleet, captureId, client, cp } = await startCaptureFleet(t, ['i-1', 'i-2', 'i-3'], CAPTURE)
  const watched = collect<ScalarWindowMessage>(client.watchMetrics({ service: 'checkout' }))
  await until(() => cp.stats().scalars.watchers === 1)
  const e0 = nextEnd()
  const added = [3, 5, 7]
  const depth = [
    [10, 4, 12],
    [20, 15, 25],
    [30, 1, 30],
  ] as const
  fleet.forEach((fake, i) => {
    const [value, min, max] = depth[i] as readonly [number, number, number]
    const points = [
      counter('orders.placed', added[i] as number, 100 + (added[i] as number), { region: 'eu' }),
      gauge('queue.depth', value, min, max),
    ]
    if (i === 0) points.push(counter('orders.placed', 4, 4, { region: 'us' }))
    fake.publishScalars({ captureId, endMs: e0, startMs: e0 - 2_000, seq: 1, points })
  })

  const [window] = await watched.next(1)
  assert.equal(window?.captureId, captureId)
  assert.equal(Number(window?.endMs), e0)
  assert.equal(Number(window?.startMs), e0 - 2_000)
  assert.deepEqual(window?.instances, ['i-1', 'i-2', 'i-3'])
  assert.deepEqual(window?.missing ?? [], [])
  assert.deepEqual(figures(window), [
    {
      metric: 'orders.placed',
      kind: 'counter',
      labels: { region: 'eu' },
      sum: 15,
      rate: 15 / 2,
      min: 0,
      max: 0,
      instances: [
        ['i-1', 3, 103, 0, 0],
        ['i-2', 5, 105, 0, 0],
        ['i-3', 7, 107, 0, 0],
      ],
    },
    {
      metric: 'orders.placed',
      kind: 'counter',
      labels: { region: 'us' },
      sum: 4,
      rate: 2,
      min: 0,
      max: 0,
      instances: [['i-1', 4, 4, 0, 0]],
    },
    {
      metric: 'queue.depth',
      kind: 'gauge',
      labels: {},
      sum: 60,
      rate: 0,
      min: 1,
      max: 30,
      instances: [
        ['i-1', 0, 10, 4, 12],
        ['i-2', 0, 20, 15, 25],
        ['i-3', 0, 30, 1, 30],
      ],
    },
  ])
  assert.equal(cp.stats().scalars.accepted, 3)
  assert.equal(cp.stats().scalars.windowsClosed, 1)

  // A second snapshot of the same window from i-1 comes after it closed: late, counted, not merged.
  fleet[0]?.publishScalars({ captureId, endMs: e0, seq: 2, points: [counter('orders.placed', 1, 104)] })
  await until(() => cp.stats().scalars.late === 1)
  watched.cancel()
})

test('scalars-merge - a window closes at the grace deadline with the silent instance in missing; an instance running the capture with histograms only is not expected', async (t) => {
  const { fleet, captureId, client, cp } = await startCaptureFleet(t, ['i-1', 'i-2', 'i-3', 'i-4'], CAPTURE)
  // i-4 runs the capture, but its only covered instrument is a histogram: it sends no ScalarSnapshot.
  fleet[3]?.heartbeat(
    { captures: [{ captureId, metric: '**', intervalMs: 2_000, metrics: ['http.server.duration'] }] },
    [{ name: 'http.server.duration', kind: 'histogram', unit: 'us', value: 0, series: 1, overflow: 0 }],
  )
  await fleet[3]?.flush()
  await new Promise((resolve) => setTimeout(resolve, 100))
  const watched = collect<ScalarWindowMessage>(client.watchMetrics({ service: 'checkout', captureId }))
  await until(() => cp.stats().scalars.watchers === 1)
  const e0 = nextEnd()
  fleet[0]?.publishScalars({ captureId, endMs: e0, seq: 1, points: [counter('orders.placed', 2, 2)] })
  fleet[1]?.publishScalars({ captureId, endMs: e0, seq: 1, points: [counter('orders.placed', 3, 3)] })
  await fleet[1]?.flush()

  const [window] = await watched.next(1, 10_000)
  const closedAt = Date.now()
  // grace = max(1 s, interval / 2) = 1 s: it waited for i-3 until end + 1 s, not longer.
  assert.ok(closedAt >= e0 + 1_000, `closed at end + ${closedAt - e0} ms, before the grace deadline`)
  assert.ok(closedAt < e0 + 1_000 + 1_500, `closed at end + ${closedAt - e0} ms, long after the grace deadline`)
  assert.deepEqual(window?.instances, ['i-1', 'i-2'])
  assert.deepEqual(window?.missing, ['i-3'])
  assert.equal(window?.series?.[0]?.sum, 5)
  assert.equal(window?.series?.[0]?.rate, 2.5)

  // The next window: i-3 reports too, so it closes as soon as the three expected instances did.
  for (const [i, fake] of fleet.slice(0, 3).entries()) {
    fake.publishScalars({ captureId, endMs: e0 + 2_000, seq: 2, points: [counter('orders.placed', i, 5 + i)] })
  }
  const second = (await watched.next(2))[1]
  assert.deepEqual(second?.instances, ['i-1', 'i-2', 'i-3'])
  assert.deepEqual(second?.missing ?? [], [])
  assert.ok(Date.now() < e0 + 2_000 + 1_000, 'the complete window did not wait for its deadline')
  watched.cancel()
})

test('scalars-merge - malformed scalar snapshots are refused and counted by reason while valid ones keep flowing', async (t) => {
  const { fleet, captureId, client, cp, warnings } = await startCaptureFleet(t, ['i-1', 'i-2'], {
    metric: 'orders.**',
    intervalMs: 2_000,
  })
  const [one, two] = fleet as [(typeof fleet)[0], (typeof fleet)[0]]
  const watched = collect<ScalarWindowMessage>(client.watchMetrics({ service: 'checkout' }))
  await until(() => cp.stats().scalars.watchers === 1)
  const e0 = nextEnd()
  const subject = subjects.scalars('checkout', captureId, 'i-1')

  one.publish(subject, new Uint8Array([0xff, 0xff, 0xff, 0x01, 0x02]))
  one.publish(`${subject}.extra`, new Uint8Array())
  one.publish(
    subject,
    codecs.scalarSnapshot.encode({ captureId, service: 'other', instance: 'i-1', seq: 1, startMs: 1, endMs: e0 }),
  )
  one.publishScalars({ captureId: 'r-0123456789', endMs: e0, seq: 1, points: [counter('orders.placed', 1, 1)] })
  one.publishScalars({
    captureId,
    endMs: e0,
    seq: 1,
    points: [{ ...counter('orders.placed', 1, 1), kind: 'histogram' }],
  })
  one.publishScalars({ captureId, endMs: e0, seq: 1, points: [counter('orders.placed', Number.NaN, 1)] })
  one.publishScalars({ captureId, endMs: e0, seq: 1, points: [gauge('queue.depth', 1, 1, 1)] })
  await one.flush()
  await until(() => cp.stats().scalars.rejected === 7)
  assert.deepEqual(cp.stats().scalars.rejectedByReason, {
    subject: 1,
    protobuf: 1,
    identity: 1,
    fields: 2,
    'unknown-capture': 1,
    metric: 1,
    conflict: 0,
    duplicate: 0,
    limit: 0,
  })

  // Valid snapshots of the same window still merge and close it.
  one.publishScalars({ captureId, endMs: e0, seq: 1, points: [counter('orders.placed', 4, 4)] })
  // i-1's first: the unit of the series is the first one merged (two connections keep no order between them).
  await one.flush()
  await until(() => cp.stats().scalars.accepted === 1)
  two.publishScalars({ captureId, endMs: e0, seq: 1, points: [{ ...counter('orders.placed', 6, 6), unit: 'orders' }] })
  // i-2's unit differs from i-1's for the same series: refused as a conflict; the window closes without it.
  const [window] = await watched.next(1, 10_000)
  assert.deepEqual(window?.instances, ['i-1'])
  assert.deepEqual(window?.missing, ['i-2'])
  assert.equal(window?.series?.[0]?.sum, 4)
  assert.equal(cp.stats().scalars.rejectedByReason.conflict, 1)
  // A duplicate from i-1 for an open window is refused too.
  one.publishScalars({ captureId, endMs: e0 + 2_000, seq: 2, points: [counter('orders.placed', 1, 5)] })
  one.publishScalars({ captureId, endMs: e0 + 2_000, seq: 2, points: [counter('orders.placed', 1, 5)] })
  await until(() => cp.stats().scalars.rejectedByReason.duplicate === 1)
  assert.equal(cp.stats().scalars.accepted, 2)
  assert.deepEqual(warnings, [])
  watched.cancel()
})
