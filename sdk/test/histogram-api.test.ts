import assert from 'node:assert/strict'
import { type TestContext, test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { metricNameProblem } from '../src/core/index.js'
import { type Diagnostic, type Histogram, init, type Unit } from '../src/index.js'
import { lineSink } from './helpers/line-sink.js'

/** A local-mode SDK (no NATS) whose diagnostics are collected; closed when the test ends. */
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

/** What the histogram recorded since its last cut (the cut empties it). */
function recorded(h: Histogram) {
  const interval = h.recorder.cut(Date.now())
  const { count, sum, min, max, clamped } = interval
  h.recorder.release(interval)
  return { count, sum, min, max, clamped }
}

test('histogram-api - the same name gives the same histogram', (t) => {
  const { pb, diagnostics } = localSdk(t)
  const a = pb.histogram('db.query.duration')
  const b = pb.histogram('db.query.duration')
  assert.equal(a, b)
  a.record(5)
  b.record(7)
  assert.deepEqual(recorded(a), { count: 2, sum: 12, min: 5, max: 7, clamped: 0 })
  assert.deepEqual(diagnostics, [])
})

test('histogram-api - the unit defaults to us with the microsecond range', (t) => {
  const { pb } = localSdk(t)
  const h = pb.histogram('http.server.duration')
  assert.equal(h.unit, 'us')
  assert.equal(h.name, 'http.server.duration')
  assert.equal(h.recorder.layout.lowest, 1)
  assert.equal(h.recorder.layout.highest, 3_600_000_000, 'one hour in µs')
  assert.equal(h.recorder.layout.digits, 3)
  assert.equal(pb.histogram('cache.size', { unit: 'bytes' }).unit, 'bytes')
})

test('histogram-api - a bad name is made valid and reported, never thrown', (t) => {
  const { pb, diagnostics } = localSdk(t)
  const h = pb.histogram('http server/duration!')
  assert.equal(h.name, 'http-server-duration')
  assert.equal(metricNameProblem(h.name), undefined)
  assert.equal(diagnostics.length, 1)
  assert.equal(diagnostics[0]?.event, 'metric')
  assert.equal(diagnostics[0]?.service, 'checkout')
  assert.match(diagnostics[0]?.message ?? '', /"http server\/duration!".*"http-server-duration"/)
  assert.equal(pb.histogram('http server/duration!'), h, 'the same bad name gives the same histogram')
  assert.equal(pb.histogram('http-server-duration'), h, 'and so does its sanitised name')
})

test('histogram-api - every sanitised name is a valid metric name', (t) => {
  const { pb, diagnostics } = localSdk(t)
  const bad = ['', 'a..b', 'http.*', '.leading', 'trailing.', 'ü.ñ', 'x'.repeat(300)]
  for (const name of bad) {
    const h = pb.histogram(name)
    assert.equal(metricNameProblem(h.name), undefined, `${JSON.stringify(name.slice(0, 40))} became "${h.name}"`)
  }
  const nonString = pb.histogram(42 as unknown as string)
  assert.equal(metricNameProblem(nonString.name), undefined)
  assert.equal(diagnostics.length, bad.length + 1, 'each bad name is reported once')
})

test('histogram-api - a name of many segments over 256 characters is shortened to a valid one', (t) => {
  const { pb, diagnostics } = localSdk(t)
  // Ten valid 60-character segments: each segment is fine, the whole name is too long.
  const long = Array.from({ length: 10 }, (_, i) => `segment${i}`.padEnd(60, 'x')).join('.')
  const h = pb.histogram(long)
  assert.equal(diagnostics.length, 1)
  assert.equal(metricNameProblem(h.name), undefined, `became ${h.name.length} characters`)
})

test('histogram-api - a bad unit falls back to us and is reported', (t) => {
  const { pb, diagnostics } = localSdk(t)
  const h = pb.histogram('job.duration', { unit: 'parsecs' as Unit })
  assert.equal(h.unit, 'us')
  assert.equal(h.recorder.layout.highest, 3_600_000_000)
  assert.equal(diagnostics.length, 1)
  assert.match(diagnostics[0]?.message ?? '', /job\.duration.*"parsecs".*using us/)
})

test('histogram-api - a bad range falls back to the unit defaults and is reported', (t) => {
  const { pb, diagnostics } = localSdk(t)
  const cases: Array<[string, { lowest?: number; highest?: number; digits?: number }, RegExp]> = [
    ['bad.lowest', { lowest: 0 }, /lowest/],
    ['bad.highest', { lowest: 10, highest: 15 }, /highest/],
    ['bad.digits', { digits: 9 }, /digits/],
  ]
  for (const [name, options, why] of cases) {
    const h = pb.histogram(name, { unit: 'ms', ...options })
    assert.equal(h.unit, 'ms', name)
    assert.deepEqual(
      [h.recorder.layout.lowest, h.recorder.layout.highest, h.recorder.layout.digits],
      [1, 3_600_000, 3],
      `${name} uses the ms defaults`,
    )
    const last = diagnostics.at(-1)
    assert.match(last?.message ?? '', new RegExp(`"${name.replace('.', '\\.')}"`), `${name} is named in the report`)
    assert.match(last?.message ?? '', why)
    h.record(12)
    assert.equal(recorded(h).count, 1, `${name} still records`)
  }
  assert.equal(diagnostics.length, cases.length)
})

test('histogram-api - a custom range is used when valid', (t) => {
  const { pb, diagnostics } = localSdk(t)
  const h = pb.histogram('queue.depth', { unit: '1', lowest: 1, highest: 10_000, digits: 2 })
  assert.deepEqual([h.recorder.layout.highest, h.recorder.layout.digits], [10_000, 2])
  h.record(50_000)
  assert.deepEqual(recorded(h), { count: 1, sum: 10_000, min: 10_000, max: 10_000, clamped: 1 }, 'clamped, not thrown')
  assert.deepEqual(diagnostics, [])
})

test('histogram-api - asking again with another unit keeps the first and reports it', (t) => {
  const { pb, diagnostics } = localSdk(t)
  const h = pb.histogram('payload.size', { unit: 'bytes' })
  assert.equal(pb.histogram('payload.size', { unit: 'ms' }), h)
  assert.equal(h.unit, 'bytes')
  assert.equal(diagnostics.length, 1)
  assert.match(diagnostics[0]?.message ?? '', /payload\.size.*bytes.*ms/)
})

test('histogram-api - record never throws on NaN, negative or huge values', (t) => {
  const { pb } = localSdk(t)
  const h = pb.histogram('odd.values', { unit: 'ms' })
  for (const v of [Number.NaN, -5, Number.POSITIVE_INFINITY, 1e300, 3]) h.record(v)
  const r = recorded(h)
  assert.equal(r.count, 5)
  assert.equal(r.clamped, 4)
  assert.equal(r.max, 3_600_000)
})

test('histogram-api - startTimer records the elapsed time in the histogram unit', async (t) => {
  const { pb } = localSdk(t)
  const ms = pb.histogram('timer.ms', { unit: 'ms' })
  const us = pb.histogram('timer.us')
  const ns = pb.histogram('timer.ns', { unit: 'ns' })
  const stops = [ms.startTimer(), us.startTimer(), ns.startTimer()]
  await sleep(20)
  const [elapsedMs, elapsedUs, elapsedNs] = stops.map((stop) => stop()) as [number, number, number]
  // Loose upper bounds: a busy CI machine may add a lot to a 20 ms sleep.
  assert.ok(elapsedMs >= 19 && elapsedMs < 500, `ms timer returned ${elapsedMs}`)
  assert.ok(elapsedUs >= 19_000 && elapsedUs < 500_000, `us timer returned ${elapsedUs}`)
  assert.ok(elapsedNs >= 19_000_000 && elapsedNs < 500_000_000, `ns timer returned ${elapsedNs}`)
  const rms = recorded(ms)
  assert.equal(rms.count, 1)
  assert.equal(rms.max, Math.round(elapsedMs), 'the ms histogram holds the returned value')
  const rus = recorded(us)
  assert.equal(rus.count, 1)
  assert.equal(rus.max, Math.round(elapsedUs))
  assert.equal(recorded(ns).count, 1)
  // The three timers ran over the same sleep: their readings agree across units.
  assert.ok(Math.abs(elapsedUs / 1_000 - elapsedMs) < 5, `${elapsedUs} µs vs ${elapsedMs} ms`)
})

test('histogram-api - startTimer on a histogram that is not time records microseconds', async (t) => {
  const { pb } = localSdk(t)
  const h = pb.histogram('batch.size', { unit: 'bytes' })
  const stop = h.startTimer()
  await sleep(20)
  const elapsed = stop()
  assert.ok(elapsed >= 19_000 && elapsed < 500_000, `returned ${elapsed}`)
  assert.equal(recorded(h).count, 1)
})

test('histogram-api - recordWithExpectedInterval fills in the missed values', (t) => {
  const { pb } = localSdk(t)
  const h = pb.histogram('loop.latency', { unit: 'ms' })
  h.recordWithExpectedInterval(100, 10)
  // 100 plus the missed 90, 80, ..., 10 (HdrHistogram semantics).
  assert.deepEqual(recorded(h), { count: 10, sum: 550, min: 10, max: 100, clamped: 0 })
})

test('histogram-api - status().metrics lists every histogram by name with its unit', (t) => {
  const { pb } = localSdk(t)
  const histograms = () =>
    pb
      .status()
      .metrics.filter((m) => m.kind === 'histogram')
      .map(({ name, kind, unit }) => ({ name, kind, unit }))
  assert.deepEqual(histograms(), [])
  pb.histogram('http.server.duration')
  pb.histogram('cache.size', { unit: 'bytes' })
  pb.histogram('db.query', { unit: 'ms' })
  pb.histogram('db.query')
  assert.deepEqual(histograms(), [
    { name: 'cache.size', kind: 'histogram', unit: 'bytes' },
    { name: 'db.query', kind: 'histogram', unit: 'ms' },
    { name: 'http.server.duration', kind: 'histogram', unit: 'us' },
  ])
  assert.deepEqual(pb.status().captures, [], 'no capture runs in local mode')
})

test('histogram-api - status().metrics reports the values recorded since start, across cuts', (t) => {
  const { pb } = localSdk(t)
  const h = pb.histogram('orders.latency')
  for (let i = 1; i <= 10; i++) h.record(i * 100)
  h.recorder.release(h.recorder.cut(Date.now()))
  h.record(5)
  assert.equal(pb.status().metrics.find((m) => m.name === 'orders.latency')?.value, 11)
})
