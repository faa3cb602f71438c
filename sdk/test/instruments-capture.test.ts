import assert from 'node:assert/strict'
import { describe, type TestContext, test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import type { ScalarSnapshotInput } from '@prodbench/proto'
import { CaptureRunner } from '../src/control/capture-runner.js'
import { DesiredState, type EffectiveConfig, resolve } from '../src/core/index.js'
import { MetricRegistry } from '../src/metrics/metric-registry.js'

const who = { service: 'checkout', instance: 'pod-1' }

type Point = NonNullable<ScalarSnapshotInput['points']>[number]
type Scalars = ScalarSnapshotInput & { seq: number; startMs: number; endMs: number; points: Point[] }

function config(captures: Array<{ id: string; metric: string; intervalMs: number }>): EffectiveConfig {
  const now = Date.now()
  const state = DesiredState.parse({
    service: who.service,
    rules: captures.map((c) => ({
      id: c.id,
      selector: { service: who.service },
      capture: { metric: c.metric, intervalMs: c.intervalMs },
      createdAt: now,
      author: 'ana@laptop',
    })),
  })
  return resolve(state, who, now, 1)
}

/** A runner over a registry whose refused values are counted, collecting both kinds of snapshot. */
function setup(t: TestContext) {
  const bad: string[] = []
  const registry = new MetricRegistry({ bad: (metric) => bad.push(metric), overflow: () => {} })
  const scalars: Scalars[] = []
  const histograms: Array<{ captureId: string; metric: string }> = []
  const problems: unknown[] = []
  const runner = new CaptureRunner({
    ...who,
    registry,
    maxCaptures: 8,
    publish: (_id, s) => histograms.push(s as { captureId: string; metric: string }),
    publishScalars: (captureId, s) => {
      assert.equal(s.captureId, captureId)
      scalars.push(s as Scalars)
    },
    report: (_event, error) => problems.push(error),
  })
  t.after(() => {
    runner.close()
    assert.deepEqual(problems, [], 'the runner reported no problem')
  })
  return { registry, runner, scalars, histograms, bad }
}

async function alignTo(periodMs: number, offsetMs: number): Promise<void> {
  await sleep(periodMs - (Date.now() % periodMs) + offsetMs)
}

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(10)
  }
}

/** The point of `metric` with `labels` (as JSON) in a snapshot, without the fields every point has. */
function point(snap: Scalars | undefined, metric: string, labels: Record<string, string> = {}) {
  const p = snap?.points.find((x) => x.metric === metric && JSON.stringify(x.labels) === JSON.stringify(labels))
  assert.ok(p, `no point ${metric} ${JSON.stringify(labels)} in snapshot ${snap?.seq}`)
  return p.kind === 'counter'
    ? { kind: p.kind, delta: p.delta, value: p.value }
    : { kind: p.kind, value: p.value, min: p.min, max: p.max, samples: p.samples }
}

test('scalar capture - reports list histograms and counters/gauges the pattern covers', (t) => {
  const { registry, runner } = setup(t)
  registry.histogram('app.latency')
  registry.counter('app.orders')
  registry.gauge('app.queue')
  registry.counter('other.orders')
  runner.update(config([{ id: 'c1', metric: 'app.*', intervalMs: 1_000 }]))
  assert.deepEqual([...(runner.reports()[0]?.metrics ?? [])].sort(), ['app.latency', 'app.orders', 'app.queue'])
})

describe('scalar capture timed windows', { concurrency: true }, () => {
  test('scalar capture - one snapshot per window with exact deltas, totals, last, min, max, samples', async (t) => {
    const { registry, runner, scalars, histograms, bad } = setup(t)
    const orders = registry.counter('app.orders', { labels: ['status'] })
    const queue = registry.gauge('app.queue')
    let heap = 500
    let heapFails = false
    registry.gauge('app.heap', {
      unit: 'bytes',
      read: () => {
        if (heapFails) throw new Error('no heap')
        return heap
      },
    })
    registry.histogram('app.latency').record(5)
    registry.counter('skip.me').add(1)
    orders.add(100, { status: 'ok' }) // before the capture: in the total, not in a delta
    queue.set(50) // carried into the first window
    await alignTo(1_000, 100)
    runner.update(config([{ id: 'c1', metric: 'app.*', intervalMs: 1_000 }]))
    // window 1
    const ok = orders.bind({ status: 'ok' })
    ok.add()
    ok.add()
    orders.add(1, { status: 'ok' })
    orders.add(2, { status: 'err' })
    for (const v of [10, 70, 20]) queue.set(v)
    await waitFor(() => scalars.length >= 1, 2_000, 'snapshot 1')
    // window 2: the heap callback throws; counters and gauges otherwise idle but for one add
    heapFails = true
    ok.add(5)
    await waitFor(() => scalars.length >= 2, 1_500, 'snapshot 2')
    // window 3
    heapFails = false
    heap = 800
    queue.set(5)
    await waitFor(() => scalars.length >= 3, 1_500, 'snapshot 3')
    runner.close()

    const [s1, s2, s3] = scalars as [Scalars, Scalars, Scalars]
    assert.deepEqual(
      scalars.slice(0, 3).map((s) => s.seq),
      [1, 2, 3],
    )
    for (const s of [s1, s2, s3]) {
      assert.equal(s.endMs % 1_000, 0, 'windows end on whole seconds')
      assert.equal(s.service, 'checkout')
      assert.equal(s.instance, 'pod-1')
      assert.deepEqual([...new Set(s.points.map((p) => p.metric))].sort(), ['app.heap', 'app.orders', 'app.queue'])
    }
    assert.equal(s2.startMs, s1.endMs)
    assert.equal(s3.startMs, s2.endMs)

    assert.deepEqual(point(s1, 'app.orders', { status: 'ok' }), { kind: 'counter', delta: 3, value: 103 })
    assert.deepEqual(point(s1, 'app.orders', { status: 'err' }), { kind: 'counter', delta: 2, value: 2 })
    assert.deepEqual(point(s1, 'app.queue'), { kind: 'gauge', value: 20, min: 10, max: 70, samples: 3 })
    assert.deepEqual(point(s1, 'app.heap'), { kind: 'gauge', value: 500, min: 500, max: 500, samples: 1 })

    assert.deepEqual(point(s2, 'app.orders', { status: 'ok' }), { kind: 'counter', delta: 5, value: 108 })
    assert.deepEqual(point(s2, 'app.orders', { status: 'err' }), { kind: 'counter', delta: 0, value: 2 })
    assert.deepEqual(point(s2, 'app.queue'), { kind: 'gauge', value: 20, min: 20, max: 20, samples: 0 })
    assert.deepEqual(
      point(s2, 'app.heap'),
      { kind: 'gauge', value: 500, min: 500, max: 500, samples: 0 },
      'a callback that threw is skipped: the last value is carried',
    )
    assert.ok(bad.includes('app.heap'), 'the failed read was counted')

    assert.deepEqual(point(s3, 'app.queue'), { kind: 'gauge', value: 5, min: 5, max: 20, samples: 1 })
    assert.deepEqual(point(s3, 'app.heap'), { kind: 'gauge', value: 800, min: 500, max: 800, samples: 1 })
    assert.deepEqual(point(s3, 'app.orders', { status: 'ok' }), { kind: 'counter', delta: 0, value: 108 })
    assert.ok(
      histograms.some((h) => h.metric === 'app.latency'),
      'histograms the pattern covers still get their own snapshots',
    )
  })

  test('scalar capture - an instrument registered after the start has all it counted in the window', async (t) => {
    const { registry, runner, scalars } = setup(t)
    registry.histogram('late.latency')
    await alignTo(1_000, 100)
    runner.update(config([{ id: 'c1', metric: 'late.**', intervalMs: 1_000 }]))
    const c = registry.counter('late.count')
    c.add(4)
    const g = registry.gauge('late.gauge', { labels: ['k'] })
    g.set(3, { k: 'a' })
    await waitFor(() => scalars.length >= 2, 2_500, 'two snapshots')
    assert.deepEqual(point(scalars[0], 'late.count'), { kind: 'counter', delta: 4, value: 4 })
    assert.deepEqual(point(scalars[0], 'late.gauge', { k: 'a' }), {
      kind: 'gauge',
      value: 3,
      min: 3,
      max: 3,
      samples: 1,
    })
    assert.deepEqual(point(scalars[1], 'late.count'), { kind: 'counter', delta: 0, value: 4 })
  })

  test('scalar capture - a capture covering only histograms publishes no scalar snapshot', async (t) => {
    const { registry, runner, scalars, histograms } = setup(t)
    registry.histogram('db.query').record(1)
    registry.counter('orders.placed').add()
    runner.update(config([{ id: 'c1', metric: 'db.*', intervalMs: 1_000 }]))
    await waitFor(() => histograms.length >= 1, 2_000, 'the histogram snapshot')
    await sleep(50)
    assert.equal(scalars.length, 0)
  })
})
