import assert from 'node:assert/strict'
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type TestContext, test } from 'node:test'
import parse from 'parse-prometheus-text-format'
import type { Diagnostic } from '../src/diagnostics.js'
import { DEFAULT_PROMETHEUS_BUCKETS, init, type MetricsHandler, type PrometheusOptions } from '../src/index.js'
import { MetricRegistry } from '../src/metrics/metric-registry.js'
import { renderPrometheus, resolvePrometheusOptions } from '../src/metrics/prometheus.js'
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
  return { pb, diagnostics }
}

/** Serves `handler` on a free loopback port for the test; returns its URL. */
async function serve(t: TestContext, handler: MetricsHandler): Promise<string> {
  const server = createServer(handler)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`
}

function render(registry: MetricRegistry, options?: PrometheusOptions): ReturnType<typeof parse> {
  return parse(
    renderPrometheus(
      registry,
      resolvePrometheusOptions(options, () => {}),
    ),
  )
}

function family(parsed: ReturnType<typeof parse>, name: string) {
  const found = parsed.find((f) => f.name === name)
  assert.ok(found, `no metric family ${name} in ${parsed.map((f) => f.name).join(', ')}`)
  return found
}

/** The buckets of a histogram family as [le, count] pairs, checked cumulative and ending in +Inf = count. */
function buckets(parsed: ReturnType<typeof parse>, name: string): Map<string, number> {
  const f = family(parsed, name)
  assert.equal(f.type, 'HISTOGRAM')
  const m = f.metrics[0]
  assert.ok(m?.buckets)
  // A JS object lists integer-like keys ("1", "60") first: order by the bound, as the text had them.
  const entries = Object.entries(m.buckets)
    .map(([le, v]) => [le, Number(v)] as const)
    .sort((a, b) => Number(a[0].replace('+Inf', 'Infinity')) - Number(b[0].replace('+Inf', 'Infinity')))
  for (let i = 1; i < entries.length; i++) {
    assert.ok((entries[i]?.[1] ?? 0) >= (entries[i - 1]?.[1] ?? 0), `bucket ${entries[i]?.[0]} is below the one before`)
  }
  assert.equal(entries.at(-1)?.[0], '+Inf')
  assert.equal(entries.at(-1)?.[1], Number(m.count))
  return new Map(entries)
}

test('prometheus - histogram buckets count the recorded values, in seconds', () => {
  const registry = new MetricRegistry()
  const h = registry.histogram('http.server.duration', { unit: 'us' })
  const values = [...Array(10).fill(50), ...Array(5).fill(300), ...Array(3).fill(2_000), 70_000_000]
  for (const v of values) h.record(v)
  const parsed = render(registry)
  const b = buckets(parsed, 'http_server_duration_seconds')
  assert.deepEqual([...b.keys()], [...DEFAULT_PROMETHEUS_BUCKETS.seconds.map(String), '+Inf'])
  for (const le of DEFAULT_PROMETHEUS_BUCKETS.seconds) {
    const expected = values.filter((v) => v / 1e6 <= le).length
    assert.equal(b.get(String(le)), expected, `le=${le}`)
  }
  const m = family(parsed, 'http_server_duration_seconds').metrics[0]
  assert.equal(m?.count, '19')
  const sum = values.reduce((a, v) => a + v, 0) / 1e6
  assert.ok(Math.abs(Number(m?.sum) - sum) < 1e-9, `sum ${m?.sum} != ${sum}`)
})

test('prometheus - capture cuts neither reset the buckets nor change the deltas a capture sees', () => {
  const registry = new MetricRegistry()
  const h = registry.histogram('db.query', { unit: 'ms' })
  h.record(3)
  h.record(40)
  assert.equal(buckets(render(registry), 'db_query_seconds').get('+Inf'), 2)
  // What the capture runner does every second: cut, encode, release.
  const first = h.recorder.cut(Date.now())
  assert.equal(first.count, 2)
  h.recorder.release(first)
  h.record(700)
  const after = buckets(render(registry), 'db_query_seconds')
  assert.equal(after.get('+Inf'), 3)
  assert.equal(after.get('0.005'), 1)
  assert.equal(after.get('0.05'), 2)
  assert.equal(after.get('1'), 3)
  // The scrape read the live interval without cutting it: the next cut holds exactly the one value.
  const second = h.recorder.cut(Date.now())
  assert.equal(second.count, 1)
  assert.equal(second.sum, 700)
  h.recorder.release(second)
  assert.equal(buckets(render(registry), 'db_query_seconds').get('+Inf'), 3)
})

test('prometheus - bucket bounds can be set per histogram and per unit family', () => {
  const registry = new MetricRegistry()
  registry.histogram('payload', { unit: 'bytes' }).record(1_500)
  registry.histogram('batch.size', { unit: '1' }).record(7)
  registry.histogram('pay.latency', { unit: 'us' }).record(42_000)
  const parsed = render(registry, {
    buckets: { 'pay.latency': [0.01, 0.05] },
    defaultBuckets: { bytes: [1_000, 2_000] },
  })
  assert.deepEqual(
    [...buckets(parsed, 'pay_latency_seconds')],
    [
      ['0.01', 0],
      ['0.05', 1],
      ['+Inf', 1],
    ],
  )
  assert.deepEqual(
    [...buckets(parsed, 'payload_bytes')],
    [
      ['1000', 0],
      ['2000', 1],
      ['+Inf', 1],
    ],
  )
  assert.equal(buckets(parsed, 'batch_size').get('10'), 1)
  assert.equal(buckets(parsed, 'batch_size').get('5'), 0)
})

test('prometheus - bad bucket options are reported and the defaults used', () => {
  const why: string[] = []
  const resolved = resolvePrometheusOptions(
    { buckets: { x: [1, 1] }, defaultBuckets: { seconds: 'nope' as unknown as number[] } },
    (w) => why.push(w),
  )
  assert.equal(why.length, 2)
  assert.match(why[0] ?? '', /buckets\["x"\] \[1\] \(1\) is not above \[0\]/)
  assert.match(why[1] ?? '', /defaultBuckets.seconds must be an array/)
  assert.deepEqual(resolved.defaults.seconds, DEFAULT_PROMETHEUS_BUCKETS.seconds)
  assert.equal(resolved.buckets.has('x'), false)
})

test('prometheus - counters and gauges keep their labels, escaped, and units become suffixes', () => {
  const registry = new MetricRegistry()
  const placed = registry.counter('orders.placed', { labels: ['route', 'status'] })
  const nasty = 'a"b\\c\nd'
  placed.add(2, { route: nasty, status: '201' })
  placed.add(1, { route: '/pay', status: '500' })
  registry.counter('db.busy', { unit: 'ms' }).add(1_500)
  registry.gauge('queue-depth.now').set(12)
  registry.gauge('heap', { unit: 'bytes', read: () => 4096 })
  registry.gauge('pool.idle', { labels: ['pool'] }).set(3, { pool: 'main' })
  const parsed = render(registry)
  const orders = family(parsed, 'orders_placed_total')
  assert.equal(orders.type, 'COUNTER')
  assert.deepEqual(
    orders.metrics.map((m) => [m.labels, Number(m.value)]),
    [
      [{ route: nasty, status: '201' }, 2],
      [{ route: '/pay', status: '500' }, 1],
    ],
  )
  assert.equal(family(parsed, 'db_busy_seconds_total').metrics[0]?.value, '1.5')
  assert.equal(family(parsed, 'queue_depth_now').type, 'GAUGE')
  assert.equal(family(parsed, 'queue_depth_now').metrics[0]?.value, '12')
  assert.equal(family(parsed, 'heap_bytes').metrics[0]?.value, '4096')
  assert.deepEqual(family(parsed, 'pool_idle').metrics[0]?.labels, { pool: 'main' })
})

test('prometheus - a name that sanitises to one already written is skipped, not duplicated', () => {
  const registry = new MetricRegistry()
  registry.counter('a.b').add(1)
  registry.counter('a_b').add(2)
  const text = renderPrometheus(
    registry,
    resolvePrometheusOptions({}, () => {}),
  )
  assert.equal(text.match(/^# TYPE a_b_total counter$/gm)?.length, 1)
  assert.match(text, /# prodbench: a_b skipped, its name a_b_total is taken/)
  assert.equal(parse(text).length, 1)
})

test('prometheus - pb.metricsHandler serves the SDK health counters and the app metrics over HTTP', async (t) => {
  const { pb } = localSdk(t)
  pb.histogram('http.server.duration').record(1_200)
  pb.counter('orders.placed').add(3)
  pb.counter('orders.placed').add(-1) // refused: counted in prodbench.sdk.bad_metric_values
  const url = await serve(t, pb.metricsHandler())
  const res = await fetch(url)
  assert.equal(res.status, 200)
  assert.equal(res.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8')
  const parsed = parse(await res.text())
  for (const name of [
    'prodbench_sdk_rejected_states_total',
    'prodbench_sdk_reconnects_total',
    'prodbench_sdk_snapshots_dropped_total',
  ]) {
    assert.equal(family(parsed, name).metrics[0]?.value, '0', name)
  }
  assert.equal(family(parsed, 'prodbench_sdk_bad_metric_values_total').metrics[0]?.value, '1')
  assert.equal(family(parsed, 'prodbench_sdk_captures').metrics[0]?.value, '0')
  assert.equal(family(parsed, 'orders_placed_total').metrics[0]?.value, '3')
  assert.equal(buckets(parsed, 'http_server_duration_seconds').get('0.0025'), 1)

  const head = await fetch(url, { method: 'HEAD' })
  assert.equal(head.status, 200)
  assert.equal(await head.text(), '')
  const post = await fetch(url, { method: 'POST' })
  assert.equal(post.status, 405)
  assert.equal(post.headers.get('allow'), 'GET, HEAD')
})

test('prometheus - a bad option to pb.metricsHandler is a diagnostic, not a throw', (t) => {
  const { pb, diagnostics } = localSdk(t)
  assert.doesNotThrow(() => pb.metricsHandler({ buckets: { x: [] } }))
  assert.ok(diagnostics.some((d) => d.event === 'prometheus' && /buckets\["x"\] must not be empty/.test(d.message)))
})
