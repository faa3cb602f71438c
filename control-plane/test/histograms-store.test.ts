import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { HistogramWindowInput } from '@prodbench/proto'
import type { Rule } from '@prodbench/sdk/core'
import { encodeHdr } from '@prodbench/sdk/metrics'
import { CaptureDirectory } from '../src/histograms/capture-directory.js'
import { HistogramCounters } from '../src/histograms/histogram-stats.js'
import { type CaptureInfo, expectedToReport, graceFor } from '../src/histograms/index.js'
import type { SnapshotEnvelope } from '../src/histograms/snapshot-envelope.js'
import { BoundedStream, type WindowSink } from '../src/histograms/watch-stream.js'
import { WindowStore } from '../src/histograms/window-store.js'
import { histogramOf } from './fixtures/histogram-fixtures.js'

const T0 = 1_764_000_000_000
const LIMITS = { historyWindows: 300, historyMs: 600_000, maxSeries: 1_000, maxHistoryBytes: 1 << 30, streamQueue: 64 }
const CAPTURE: CaptureInfo = {
  id: 'r-0000000001',
  service: 'checkout',
  instance: undefined,
  metric: 'http.**',
  intervalMs: 1_000,
  expiresAt: undefined,
  createdAt: T0,
  graceMs: graceFor(1_000),
}

function envelope(instance: string, endMs: number, values: number[], extra: Partial<SnapshotEnvelope> = {}) {
  return {
    captureId: CAPTURE.id,
    service: 'checkout',
    instance,
    metric: 'http.server.duration',
    seq: 1,
    startMs: endMs - 1_000,
    endMs,
    unit: 'us',
    count: values.length,
    sum: values.reduce((a, b) => a + b, 0),
    min: values.length ? Math.min(...values) : 0,
    max: values.length ? Math.max(...values) : 0,
    clamped: 0,
    hdr: encodeHdr(histogramOf(values)),
    ...extra,
  } satisfies SnapshotEnvelope
}

function captureRule(id: string, metric: string, extra: Partial<Rule> = {}): Rule {
  return {
    id,
    selector: { service: 'checkout' },
    capture: { metric, intervalMs: 2_000 },
    createdAt: T0,
    author: 'a',
    ...extra,
  }
}

test('window store - history is bounded by window count, by age, and by the global byte budget', () => {
  const counters = new HistogramCounters()
  const store = new WindowStore({ ...LIMITS, historyWindows: 3, historyMs: 5_000 }, counters)
  for (let w = 1; w <= 5; w++) {
    const window = store.add(CAPTURE, envelope('i-1', T0 + w * 1_000, [w]), T0 + w * 1_000)
    assert.ok(window)
    store.close(window, [], T0 + w * 1_000)
  }
  const series = store.series(CAPTURE.id, 'http.server.duration')
  assert.deepEqual(
    series?.history.map((w) => w.sum),
    [3, 4, 5],
  )
  store.sweep(T0 + 9_500)
  assert.deepEqual(
    series?.history.map((w) => w.sum),
    [5],
    'windows older than historyMs are dropped',
  )

  const tight = new WindowStore({ ...LIMITS, maxHistoryBytes: 1_024 }, counters)
  for (let w = 1; w <= 4; w++) {
    const window = tight.add(CAPTURE, envelope('i-1', T0 + w * 1_000, [w * 1_000, w]), T0 + w * 1_000)
    if (window) tight.close(window, [], T0 + w * 1_000)
  }
  // Each window holds ~450 bytes here: two fit in 1 KiB, so the oldest two were evicted.
  assert.deepEqual(
    tight.series(CAPTURE.id, 'http.server.duration')?.history.map((w) => w.sum),
    [3_003, 4_004],
  )
  assert.ok(tight.gauges().historyBytes <= 1_024)
  assert.equal(counters.evicted, 2)
})

test('window store - snapshots beyond the series cap, far in the future, or of another unit are refused', () => {
  const counters = new HistogramCounters()
  const store = new WindowStore({ ...LIMITS, maxSeries: 1 }, counters)
  assert.ok(store.add(CAPTURE, envelope('i-1', T0, [1]), T0))
  assert.equal(store.add(CAPTURE, envelope('i-1', T0, [1], { metric: 'http.client.duration' }), T0), undefined)
  assert.equal(store.add(CAPTURE, envelope('i-2', T0 + 3_600_000, [1]), T0), undefined)
  assert.equal(store.add(CAPTURE, envelope('i-3', T0, [1], { unit: 'ms' }), T0), undefined)
  assert.equal(store.add(CAPTURE, envelope('i-4', T0, [1], { metric: 'db.query' }), T0), undefined)
  const stats = counters.snapshot({ captures: 0, series: 0, historyBytes: 0, watchers: 0 })
  assert.deepEqual(
    [
      stats.rejectedByReason.limit,
      stats.rejectedByReason.fields,
      stats.rejectedByReason.unit,
      stats.rejectedByReason.metric,
    ],
    [1, 1, 1, 1],
  )
})

test('window store - a partial snapshot joins the window its end falls in', () => {
  const store = new WindowStore(LIMITS, new HistogramCounters())
  const a = store.add(CAPTURE, envelope('i-1', T0 + 1_000, [1]), T0)
  const b = store.add(CAPTURE, envelope('i-2', T0 + 400, [2], { startMs: T0 + 100 }), T0)
  assert.equal(a, b)
  assert.deepEqual([...(a?.instances ?? [])], ['i-1', 'i-2'])
})

test('capture directory - removal and expiry end captures; an older revision is ignored', () => {
  const directory = new CaptureDirectory()
  const a = captureRule('r-a', 'http.**', { createdAt: T0 })
  const b = captureRule('r-b', 'http.server.duration', { createdAt: T0 + 1, expiresAt: T0 + 10_000 })
  const level: Rule = { id: 'r-l', selector: { service: 'checkout' }, level: 'debug', createdAt: T0, author: 'a' }
  assert.deepEqual(directory.apply('checkout', [a, b, level], 5, T0), [])
  assert.deepEqual(
    directory.covering('checkout', 'http.server.duration').map((c) => c.id),
    ['r-b', 'r-a'],
  )
  assert.equal(directory.get('r-a')?.graceMs, 1_000)
  assert.deepEqual(directory.apply('checkout', [b], 4, T0), [], 'revision 4 is older than 5')
  assert.equal(directory.nextExpiry(), T0 + 10_000)
  assert.deepEqual(
    directory.expire(T0 + 10_000).map((c) => c.id),
    ['r-b'],
  )
  assert.deepEqual(
    directory.apply('checkout', [], 6, T0).map((c) => c.id),
    ['r-a'],
  )
  assert.equal(directory.size, 0)
  assert.equal(graceFor(60_000), 30_000)
})

test('expected instances - an instance running the capture without the metric, or refusing it, is not waited for', () => {
  assert.equal(expectedToReport(undefined, 'r-a', 'm'), true)
  assert.equal(expectedToReport({ captures: [{ captureId: 'r-b' }] }, 'r-a', 'm'), true)
  assert.equal(expectedToReport({ captures: [{ captureId: 'r-a', metrics: ['m'] }] }, 'r-a', 'm'), true)
  assert.equal(expectedToReport({ captures: [{ captureId: 'r-a', metrics: ['n'] }] }, 'r-a', 'm'), false)
  assert.equal(expectedToReport({ captures: [{ captureId: 'r-a', refused: 'over limit' }] }, 'r-a', 'm'), false)
})

test('watch stream - a client that does not read keeps at most the queue, drops the oldest and counts them', () => {
  const written: HistogramWindowInput[] = []
  let drain: (() => void) | undefined
  let ended = false
  const sink: WindowSink = {
    // The transport takes two windows, then its buffer is full until 'drain'.
    write: (m) => {
      written.push(m)
      return written.length % 2 !== 0
    },
    once: (_event, listener) => {
      drain = listener
    },
    end: () => {
      ended = true
    },
    fail: () => {},
  }
  let drops = 0
  const stream = new BoundedStream(sink, 4, () => drops++)
  for (let i = 0; i < 100; i++) stream.push({ endMs: i })
  assert.equal(written.length, 2)
  assert.equal(stream.queued, 4)
  assert.equal(drops, 94)
  stream.finish()
  assert.equal(ended, false, 'the queue is written before the end')
  drain?.()
  drain?.()
  drain?.()
  assert.deepEqual(
    written.map((m) => m.endMs),
    [0, 1, 96, 97, 98, 99],
  )
  assert.equal(ended, true)
  stream.push({ endMs: 100 })
  assert.equal(written.length, 6, 'nothing after the end')
})
