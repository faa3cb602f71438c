import assert from 'node:assert/strict'
import { type TestContext, test } from 'node:test'
import type { Diagnostic } from '../src/diagnostics.js'
import { init, type MetricInfo } from '../src/index.js'
import { lineSink } from './helpers/line-sink.js'

function localSdk(t: TestContext) {
  const diagnostics: Diagnostic[] = []
  const pb = init({
    service: 'checkout',
    instance: 'pod-1',
    destination: lineSink().stream,
    onDiagnostic: (d) => diagnostics.push(d),
  })
  t.after(() => pb.close())
  const info = (name: string): MetricInfo | undefined => pb.status().metrics.find((m) => m.name === name)
  return { pb, diagnostics, info }
}

/** Every series of an instrument as `labels → value`. */
function series<S>(m: { table: { entries(): Iterable<[S, Record<string, string>]> } }, value: (s: S) => number) {
  const out: Record<string, number> = {}
  for (const [s, labels] of m.table.entries()) out[JSON.stringify(labels)] = value(s)
  return out
}

test('counter - add defaults to 1, adds n, and the same name gives the same counter', (t) => {
  const { pb, info } = localSdk(t)
  const c = pb.counter('orders.placed')
  c.add()
  c.add(5)
  pb.counter('orders.placed').add(0.5)
  assert.equal(pb.counter('orders.placed'), c)
  assert.equal(c.total, 6.5)
  assert.deepEqual(info('orders.placed'), {
    name: 'orders.placed',
    kind: 'counter',
    unit: '1',
    value: 6.5,
    series: 1,
    overflow: 0,
  })
})

test('counter - labels: declared names only, missing ones empty, bind is the same series', (t) => {
  const { pb, info } = localSdk(t)
  const c = pb.counter('http.requests', { labels: ['route', 'status'] })
  c.add(1, { route: '/pay', status: '201' })
  c.add(2, { status: '201', route: '/pay', user: 'ana' }) // unknown label ignored, order irrelevant
  c.add(1, { route: '/pay' })
  c.add(4)
  const bound = c.bind({ route: '/pay', status: 201 })
  bound.add()
  bound.add(10)
  assert.deepEqual(
    series(c, (s) => s.total),
    {
      '{"route":"/pay","status":"201"}': 14,
      '{"route":"/pay","status":""}': 1,
      '{"route":"","status":""}': 4,
    },
  )
  assert.equal(c.bind({ route: '/pay', status: '201' }), bound, 'bind twice gives one series')
  assert.equal(info('http.requests')?.value, 19)
  assert.equal(info('http.requests')?.series, 3)
})

test('counter - negative, NaN, infinite and non-number adds are ignored, counted, described once', (t) => {
  const { pb, diagnostics, info } = localSdk(t)
  const c = pb.counter('orders.placed')
  c.add(3)
  for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, '5' as unknown as number]) c.add(bad)
  c.bind().add(-2)
  assert.equal(c.total, 3, 'nothing bad was added')
  assert.equal(info('prodbench.sdk.bad_metric_values')?.value, 5, 'each refused add is counted')
  const described = diagnostics.filter((d) => d.event === 'metric-value')
  assert.equal(described.length, 1, 'described once')
  assert.match(described[0]?.message ?? '', /counter "orders\.placed": add\(-1\) ignored/)
})

test('cardinality - past maxSeries values go to one overflow series, reported once', (t) => {
  const { pb, diagnostics, info } = localSdk(t)
  const c = pb.counter('cart.adds', { labels: ['user'], maxSeries: 3 })
  for (let i = 0; i < 10; i++) c.add(1, { user: `u${i}` })
  c.add(1, { user: 'u0' }) // a kept series still takes values
  const s = series(c, (x) => x.total)
  assert.deepEqual(s, { '{"user":"u0"}': 2, '{"user":"u1"}': 1, '{"user":"u2"}': 1, '{"overflow":"true"}': 7 })
  assert.equal(c.total, 11, 'no value is lost')
  const m = info('cart.adds')
  assert.equal(m?.overflow, 7)
  assert.equal(m?.series, 4, 'three label sets and the overflow series')
  const overflows = diagnostics.filter((d) => d.event === 'metric-overflow')
  assert.equal(overflows.length, 1)
  assert.match(overflows[0]?.message ?? '', /"cart\.adds" reached its limit of 3 label sets/)
  const g = pb.gauge('queue.depth', { labels: ['queue'], maxSeries: 1 })
  g.set(1, { queue: 'a' })
  g.set(2, { queue: 'b' })
  g.bind({ queue: 'c' }).set(3)
  assert.deepEqual(
    series(g, (x) => x.value),
    { '{"queue":"a"}': 1, '{"overflow":"true"}': 3 },
  )
  assert.equal(info('queue.depth')?.overflow, 2)
})

test('gauge - set keeps the last value and min/max/samples until cut; a cut carries the value', (t) => {
  const { pb, info } = localSdk(t)
  const g = pb.gauge('queue.depth')
  const s = g.bind()
  for (const v of [12, 3, 40, 7]) g.set(v)
  assert.deepEqual([s.value, s.min, s.max, s.samples], [7, 3, 40, 4])
  s.cut()
  assert.deepEqual([s.value, s.min, s.max, s.samples], [7, 7, 7, 0], 'a new interval starts at the carried value')
  g.set(Number.NaN)
  g.set(Number.NEGATIVE_INFINITY)
  assert.equal(s.value, 7, 'non-finite values are ignored')
  assert.equal(info('queue.depth')?.value, 7)
  assert.equal(info('prodbench.sdk.bad_metric_values')?.value, 2)
  const labelled = pb.gauge('pool.size', { labels: ['pool'] })
  labelled.set(3, { pool: 'a' })
  labelled.set(4, { pool: 'b' })
  assert.equal(info('pool.size')?.value, 7, 'with labels only, the value is the sum over series')
})

test('gauge - a callback is read for status; one that throws is counted and skipped, described at most once a minute', (t) => {
  const { pb, diagnostics, info } = localSdk(t)
  let heap = 1_000
  pb.gauge('process.heap', { unit: 'bytes', read: () => heap })
  let fail = true
  pb.gauge('flaky', {
    read: () => {
      if (fail) throw new Error('disk gone')
      return 9
    },
  })
  assert.equal(info('process.heap')?.value, 1_000)
  heap = 2_000
  assert.equal(info('process.heap')?.value, 2_000, 'read again each time')
  assert.equal(info('process.heap')?.unit, 'bytes')
  assert.equal(info('flaky')?.value, 0, 'a failed read is skipped')
  assert.equal(info('flaky')?.value, 0)
  const bad = info('prodbench.sdk.bad_metric_values')?.value ?? 0
  assert.ok(bad >= 2, `failed reads counted (${bad})`)
  const described = diagnostics.filter((d) => d.event === 'metric-value')
  assert.equal(described.length, 1, 'described once for several failures')
  assert.match(described[0]?.message ?? '', /gauge "flaky": callback threw: disk gone; value skipped/)
  fail = false
  assert.equal(info('flaky')?.value, 9)
})

test('namespace - a name taken by another kind gives a working instrument that is not registered', (t) => {
  const { pb, diagnostics, info } = localSdk(t)
  pb.histogram('db.query')
  const c = pb.counter('db.query')
  c.add(2)
  assert.equal(c.total, 2, 'the unregistered counter still counts')
  const g = pb.gauge('db.query', { read: () => 1 })
  g.set(5)
  pb.counter('orders').add()
  const h = pb.histogram('orders')
  h.record(3)
  assert.equal(info('db.query')?.kind, 'histogram')
  assert.equal(info('orders')?.kind, 'counter')
  const conflicts = diagnostics.filter((d) => /is already a/.test(d.message)).map((d) => d.message)
  assert.deepEqual(conflicts, [
    'metric "db.query" is already a histogram; this counter works but is not registered (never captured)',
    'metric "db.query" is already a histogram; this gauge works but is not registered (never captured)',
    'metric "orders" is already a counter; this histogram works but is not registered (never captured)',
  ])
})

test('self-health - the SDK registers its own counters and the captures gauge', (t) => {
  const { info } = localSdk(t)
  for (const name of ['rejected_states', 'reconnects', 'snapshots_dropped', 'bad_metric_values']) {
    assert.equal(info(`prodbench.sdk.${name}`)?.kind, 'counter', name)
    assert.equal(info(`prodbench.sdk.${name}`)?.value, 0, name)
  }
  assert.deepEqual(info('prodbench.sdk.captures'), {
    name: 'prodbench.sdk.captures',
    kind: 'gauge',
    unit: '1',
    value: 0,
    series: 1,
    overflow: 0,
  })
})

test('options - bad unit, maxSeries and label names are made valid and reported', (t) => {
  const { pb, diagnostics } = localSdk(t)
  const c = pb.counter('x.y', {
    unit: 'parsecs' as '1',
    maxSeries: 0,
    labels: ['ok', 'no spaces', 'ok'],
  })
  assert.equal(c.unit, '1')
  assert.equal(c.table.maxSeries, 100)
  assert.deepEqual(c.table.names, ['ok'])
  assert.equal(diagnostics.filter((d) => d.event === 'metric').length, 4)
})
