import assert from 'node:assert/strict'
import { describe, type TestContext, test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { CaptureRunner } from '../src/control/capture-runner.js'
import { DesiredState, type EffectiveConfig, metricMatches, resolve } from '../src/core/index.js'
import { decodeHdr } from '../src/metrics/hdr-codec.js'
import { MetricRegistry } from '../src/metrics/metric-registry.js'

const who = { service: 'checkout', instance: 'pod-1' }

/** A snapshot as the runner hands it to `publish` (plain numbers, before protobuf). */
interface Snap {
  captureId: string
  metric: string
  seq: number
  startMs: number
  endMs: number
  unit: string
  significantDigits: number
  count: number
  sum: number
  min: number
  max: number
  clamped: number
  hdr: Uint8Array
}

interface CaptureInput {
  id: string
  metric: string
  intervalMs: number
  createdAt?: number
}

/** The effective config of a desired state holding these capture rules (plus one level rule). */
function config(captures: CaptureInput[]): EffectiveConfig {
  const now = Date.now()
  const state = DesiredState.parse({
    service: who.service,
    rules: [
      { id: 'lvl', selector: { service: who.service, logger: 'db' }, level: 'debug', createdAt: now, author: 't' },
      ...captures.map((c) => ({
        id: c.id,
        selector: { service: who.service },
        capture: { metric: c.metric, intervalMs: c.intervalMs },
        createdAt: c.createdAt ?? now,
        author: 'ana@laptop',
      })),
    ],
  })
  return resolve(state, who, now, 1)
}

/** A runner over a fresh registry, collecting what it publishes; closed when the test ends. */
function setup(t: TestContext, maxCaptures = 8) {
  const registry = new MetricRegistry()
  const published: Snap[] = []
  const problems: unknown[] = []
  const runner = new CaptureRunner({
    ...who,
    registry,
    maxCaptures,
    publish: (captureId, snapshot) => {
      assert.equal(snapshot.captureId, captureId)
      published.push(snapshot as unknown as Snap)
    },
    report: (_event, error) => problems.push(error),
  })
  t.after(() => {
    runner.close()
    assert.deepEqual(problems, [], 'the runner reported no problem')
  })
  const of = (captureId: string, metric: string) =>
    published.filter((s) => s.captureId === captureId && s.metric === metric)
  return { registry, runner, published, of }
}

/** Sleeps until `offsetMs` past the next multiple of `periodMs` (wall clock). */
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

function recordAll(h: { record(v: number): void }, values: number[]): void {
  for (const v of values) h.record(v)
}

/** Checks a snapshot carries exactly `values` and that its hdr agrees. */
function assertHolds(snap: Snap | undefined, values: number[], what: string): void {
  assert.ok(snap, `${what}: no snapshot`)
  assert.equal(snap.count, values.length, `${what}: count`)
  assert.equal(
    snap.sum,
    values.reduce((a, b) => a + b, 0),
    `${what}: sum`,
  )
  assert.equal(snap.min, values.length ? Math.min(...values) : 0, `${what}: min`)
  assert.equal(snap.max, values.length ? Math.max(...values) : 0, `${what}: max`)
  const hdr = decodeHdr(snap.hdr)
  assert.equal(hdr.totalCount, snap.count, `${what}: hdr totalCount`)
  if (values.length > 0) {
    assert.ok(hdr.maxValue >= snap.max && hdr.maxValue <= snap.max * 1.001 + 1, `${what}: hdr max ${hdr.maxValue}`)
  }
}

test('capture-runner - a pattern covers exactly the metrics metricMatches says', (t) => {
  const { registry, runner } = setup(t)
  const names = ['http.server.duration', 'http.client', 'http.server.duration.cart-id.2xx', 'db.pool.wait', 'db.query']
  for (const name of names) registry.histogram(name)
  const patterns = ['http.*', 'http.**', '*.server.duration', 'db.*.wait', 'db', '**', 'http.server.duration.*.*']
  runner.update(config(patterns.map((metric, i) => ({ id: `c${i}`, metric, intervalMs: 1_000 }))))
  assert.equal(runner.active, patterns.length)
  const reports = runner.reports()
  patterns.forEach((pattern, i) => {
    const report = reports.find((r) => r.captureId === `c${i}`)
    assert.equal(report?.metric, pattern)
    assert.deepEqual(
      [...(report?.metrics ?? [])].sort(),
      names.filter((name) => metricMatches(pattern, name)).sort(),
      `pattern ${pattern}`,
    )
  })
})

test('capture-runner - beyond maxCaptures the oldest are refused and reported', (t) => {
  const { registry, runner } = setup(t, 2)
  registry.histogram('db.query')
  const now = Date.now()
  const c = (id: string, age: number) => ({ id, metric: 'db.query', intervalMs: 1_000, createdAt: now - age })
  runner.update(config([c('old', 3_000), c('mid', 2_000), c('new', 1_000)]))
  assert.equal(runner.active, 2)
  const reports = runner.reports()
  assert.deepEqual(
    reports
      .filter((r) => !r.refused)
      .map((r) => r.captureId)
      .sort(),
    ['mid', 'new'],
  )
  const refused = reports.find((r) => r.captureId === 'old')
  assert.match(refused?.refused ?? '', /limit of 2 concurrent captures/)
  assert.equal(refused?.metric, 'db.query')
  assert.deepEqual(refused?.metrics, [])

  runner.update(config([c('old', 3_000), c('mid', 2_000)]))
  assert.equal(runner.active, 2, 'a freed slot goes to the refused capture')
  assert.equal(runner.reports().filter((r) => r.refused).length, 0)
})

test('capture-runner - update after close starts nothing', (t) => {
  const { registry, runner } = setup(t)
  registry.histogram('db.query')
  runner.close()
  runner.close()
  runner.update(config([{ id: 'c1', metric: 'db.query', intervalMs: 1_000 }]))
  assert.equal(runner.active, 0)
  assert.deepEqual(runner.reports(), [])
})

// These wait for real wall-clock windows (whole seconds), so they run concurrently.
describe('capture-runner timed windows', { concurrency: true }, () => {
  test('capture-runner - one snapshot per window, aligned, seq 1,2,3, exact values of each window', async (t) => {
    const { registry, runner, published, of } = setup(t)
    const query = registry.histogram('db.query')
    const http = registry.histogram('http.server.duration')
    query.record(999_999) // before the capture: must not show up
    await alignTo(1_000, 100)
    const before = Date.now()
    runner.update(config([{ id: 'c1', metric: 'db.*', intervalMs: 1_000 }]))
    const after = Date.now()
    assert.equal(runner.active, 1)
    const windows = [[100, 200, 300], [5, 7_000], []]
    recordAll(query, windows[0] as number[])
    http.record(1)
    const late = registry.histogram('db.pool') // registered after the capture started, and matching
    late.record(42)
    registry.histogram('db.pool.wait').record(1) // three segments: 'db.*' does not cover it
    await waitFor(() => of('c1', 'db.query').length >= 1, 2_500, 'snapshot 1')
    recordAll(query, windows[1] as number[])
    await waitFor(() => of('c1', 'db.query').length >= 3, 2_500, 'snapshot 3')
    runner.close()

    const snaps = of('c1', 'db.query').slice(0, 3)
    assert.deepEqual(
      snaps.map((s) => s.seq),
      [1, 2, 3],
    )
    snaps.forEach((s, i) => {
      assert.equal(s.endMs % 1_000, 0, `snapshot ${i + 1} ends on a whole second`)
      assert.equal(s.unit, 'us')
      assert.equal(s.significantDigits, 3)
      assert.equal(s.clamped, 0)
      assertHolds(s, windows[i] as number[], `window ${i + 1}`)
      if (i > 0) {
        assert.equal(s.startMs, snaps[i - 1]?.endMs, `window ${i + 1} starts where the previous ended`)
        assert.equal(s.endMs - s.startMs, 1_000)
      }
    })
    const first = snaps[0] as Snap
    assert.ok(first.startMs >= before && first.startMs <= after, 'the first window starts with the capture')
    assert.equal(first.endMs, Math.ceil(after / 1_000) * 1_000, 'and is partial, up to the next second')

    assertHolds(of('c1', 'db.pool')[0], [42], 'metric registered after the start')
    assert.deepEqual(
      [...new Set(published.map((s) => s.metric))].sort(),
      ['db.pool', 'db.query'],
      'only what db.* covers is published',
    )
  })

  test('capture-runner - 1 s and 2 s captures of one metric each get their own windows', async (t) => {
    const { registry, runner, of } = setup(t)
    const h = registry.histogram('db.query', { unit: 'ms' })
    await alignTo(2_000, 50)
    runner.update(
      config([
        { id: 'one', metric: 'db.query', intervalMs: 1_000 },
        { id: 'two', metric: 'db.query', intervalMs: 2_000 },
      ]),
    )
    recordAll(h, [10, 20])
    await waitFor(() => of('one', 'db.query').length >= 1, 1_500, '1 s snapshot 1')
    recordAll(h, [30, 40_000])
    await waitFor(() => of('two', 'db.query').length >= 1, 1_500, '2 s snapshot 1')
    await waitFor(() => of('one', 'db.query').length >= 2, 500, '1 s snapshot 2')
    runner.close()

    const [one1, one2] = of('one', 'db.query')
    const two = of('two', 'db.query')
    assert.equal(two.length, 1, 'the 2 s capture published nothing at the odd second')
    assertHolds(one1, [10, 20], '1 s window 1')
    assertHolds(one2, [30, 40_000], '1 s window 2')
    assertHolds(two[0], [10, 20, 30, 40_000], '2 s window sums both seconds')
    assert.equal(two[0]?.endMs, one2?.endMs)
    assert.equal((two[0]?.endMs ?? 1) % 2_000, 0, 'ends on a multiple of 2 s')
    assert.equal(two[0]?.startMs, one1?.startMs)
    assert.equal(two[0]?.seq, 1)
    assert.equal(one2?.seq, 2)
  })

  test('capture-runner - removing the capture stops publishing and the runner goes idle', async (t) => {
    const { registry, runner, published } = setup(t)
    const h = registry.histogram('db.query')
    runner.update(config([{ id: 'c1', metric: 'db.query', intervalMs: 1_000 }]))
    h.record(1)
    await waitFor(() => published.length >= 1, 1_500, 'the first snapshot')
    runner.update(config([]))
    assert.equal(runner.active, 0)
    assert.deepEqual(runner.reports(), [])
    const seen = published.length
    h.record(2)
    await sleep(1_500)
    assert.equal(published.length, seen, 'nothing published after the capture was removed')
  })

  test('capture-runner - with no capture running nothing is published', async (t) => {
    const { registry, runner, published } = setup(t)
    const refusing = setup(t, 0)
    for (let i = 0; i < 20; i++) {
      registry.histogram(`svc.metric${i}`).record(i + 1)
      refusing.registry.histogram(`svc.metric${i}`).record(i + 1)
    }
    runner.update(config([]))
    refusing.runner.update(config([{ id: 'c1', metric: 'svc.*', intervalMs: 1_000 }]))
    assert.equal(runner.active, 0)
    assert.equal(refusing.runner.active, 0, 'a refused capture does not run')
    assert.equal(refusing.runner.reports()[0]?.refused !== undefined, true)
    await sleep(1_500)
    assert.deepEqual(published, [])
    assert.deepEqual(refusing.published, [])
  })

  test('capture-runner - values of a new metric are kept when a second capture starts on it', async (t) => {
    const { registry, runner, of } = setup(t)
    registry.histogram('db.query')
    await alignTo(1_000, 100)
    const first = { id: 'all-db', metric: 'db.**', intervalMs: 1_000 }
    runner.update(config([first]))
    // A metric made lazily (a new route, say) that the running capture covers...
    recordAll(registry.histogram('db.fresh'), [1, 2, 3])
    // ...and, within the same second, a second capture that also covers it.
    runner.update(config([first, { id: 'fresh', metric: 'db.fresh', intervalMs: 1_000 }]))
    await waitFor(() => of('all-db', 'db.fresh').length >= 1, 2_000, 'the first snapshot of db.fresh')
    runner.close()
    assertHolds(of('all-db', 'db.fresh')[0], [1, 2, 3], 'values recorded while only all-db covered db.fresh')
    assertHolds(of('fresh', 'db.fresh')[0], [], 'the new capture starts after them')
  })
})
