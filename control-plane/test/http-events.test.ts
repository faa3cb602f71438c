import assert from 'node:assert/strict'
import { test } from 'node:test'
import { openSse } from '../../test/ui/sse-client.js'
import { METRIC, startCaptureFleet, until } from './fixtures/capture-fleet.js'
import { startFakeInstance } from './fixtures/fake-instance.js'
import { nextWindowEnd } from './fixtures/histogram-fixtures.js'
import { startTestControlPlane } from './fixtures/test-control-plane.js'

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

interface Delta {
  upsert: Array<{ instance: string; appliedRevision: number; levels?: unknown[] }>
  remove: Array<{ instance: string }>
}

test('http events - the service stream sends a snapshot, then the new revision and each instance applying it', async (t) => {
  const { cp, nats } = await startTestControlPlane(t, { http: '127.0.0.1:0' })
  const base = `http://${cp.httpAddress}`
  const fakes = await Promise.all(
    ['i-1', 'i-2'].map((instance) =>
      startFakeInstance(nats.url, { service: 'checkout', instance, intervalMs: 60_000 }),
    ),
  )
  t.after(() => Promise.all(fakes.map((f) => f.close())))
  for (const fake of fakes) fake.heartbeat()
  await until(() => cp.stats().instances === 2)

  const stream = await openSse(`${base}/api/v1/events/services/checkout`, t)
  assert.equal(stream.status, 200)
  assert.match(stream.contentType, /^text\/event-stream/)
  const snapshot = await stream.next((e) => e.event === 'snapshot')
  const snap = snapshot.data as { revision: number; instances: Array<{ instance: string; levels: unknown[] }> }
  assert.equal(snap.revision, 0)
  assert.deepEqual(
    snap.instances.map((i) => i.instance),
    ['i-1', 'i-2'],
  )
  assert.ok(Array.isArray(snap.instances[0]?.levels), 'the service stream carries detailed instances')

  const set = await fetch(`${base}/api/v1/services/checkout/rules`, json({ rule: { level: 'debug', ttlMs: 60_000 } }))
  const { rollout } = (await set.json()) as { rollout: { revision: number } }
  const rules = await stream.next((e) => e.event === 'rules', 10_000, 'the rules event')
  assert.equal((rules.data as { revision: number }).revision, rollout.revision)
  for (const instance of ['i-1', 'i-2']) {
    await stream.next(
      (e) =>
        e.event === 'instances' &&
        (e.data as Delta).upsert.some((u) => u.instance === instance && u.appliedRevision >= rollout.revision),
      10_000,
      `${instance} applying revision ${rollout.revision}`,
    )
  }
})

test('http events - the fleet stream tells an instance that joins and one that leaves', async (t) => {
  const { cp, nats } = await startTestControlPlane(t, { http: '127.0.0.1:0' })
  const stream = await openSse(`http://${cp.httpAddress}/api/v1/events/fleet`, t)
  const snapshot = await stream.next((e) => e.event === 'snapshot')
  assert.deepEqual((snapshot.data as { instances: unknown[] }).instances, [])

  const fake = await startFakeInstance(nats.url, { service: 'payments', instance: 'p-1', intervalMs: 60_000 })
  t.after(() => fake.close())
  fake.heartbeat()
  const joined = await stream.next((e) => e.event === 'instances' && (e.data as Delta).upsert.length > 0)
  const upsert = (joined.data as Delta).upsert[0] as Record<string, unknown>
  assert.equal(upsert.instance, 'p-1')
  assert.equal(upsert.service, 'payments')
  assert.equal(upsert.health, 'ok')
  assert.equal(upsert.levels, undefined, 'the fleet stream carries summaries')

  await fake.close()
  const left = await stream.next((e) => e.event === 'instances' && (e.data as Delta).remove.length > 0)
  assert.deepEqual((left.data as Delta).remove, [{ service: 'payments', instance: 'p-1' }])
})

test('http events - a histogram stream delivers the windows of a capture, per instance when asked, and ends with it', async (t) => {
  const setup = await startCaptureFleet(t, ['i-1', 'i-2'], { http: '127.0.0.1:0' })
  const { fleet, captureId, cp } = setup
  const base = `http://${cp.httpAddress}`
  const stream = await openSse(`${base}/api/v1/events/services/checkout/histograms/${METRIC}?perInstance=true`, t)
  assert.equal(stream.status, 200)
  await until(() => cp.stats().histograms.watchers === 1)

  const end = nextWindowEnd()
  fleet[0]?.publishSnapshot({ captureId, metric: METRIC, endMs: end, seq: 1, values: [100, 200] })
  fleet[1]?.publishSnapshot({ captureId, metric: METRIC, endMs: end, seq: 1, values: [300] })
  await stream.next((e) => e.event === 'window' && (e.data as { instance?: string }).instance === 'i-2')
  const windows = stream.events.filter((e) => e.event === 'window').map((e) => e.data as Record<string, unknown>)
  assert.deepEqual(
    windows.map((w) => [w.instance, w.endMs, w.count]),
    [
      ['', end, 3],
      ['i-1', end, 2],
      ['i-2', end, 1],
    ],
  )
  assert.equal(windows[0]?.hdr, undefined, 'live windows leave the histogram bytes out')
  assert.ok(((windows[0]?.percentiles as unknown[] | undefined) ?? []).length > 0, 'windows carry their percentiles')

  // The .hlog of the capture: the merged line untagged, one tagged line per instance.
  const hlog = await fetch(`${base}/api/v1/services/checkout/histograms/${METRIC}/hlog?capture=${captureId}`)
  assert.equal(hlog.status, 200)
  assert.match(hlog.headers.get('content-disposition') ?? '', /attachment; filename=".*\.hlog"/)
  const text = await hlog.text()
  assert.match(text, /#\[StartTime: /)
  assert.equal(text.split('\n').filter((l) => /^Tag=i-\d,/.test(l)).length, 2)
  assert.equal(text.split('\n').filter((l) => /^\d+\.\d+,/.test(l)).length, 1)

  await fetch(`${base}/api/v1/services/checkout/captures/${captureId}`, { method: 'DELETE' })
  await stream.next((e) => e.event === 'end', 10_000, 'the end event')
  await stream.closed()
  assert.equal(cp.stats().histograms.watchers, 0)
})

test('http events - watching a metric no capture covers is a 404 answer, not a stream; a viewer leaving unregisters', async (t) => {
  const setup = await startCaptureFleet(t, ['i-1'], { http: '127.0.0.1:0' })
  const base = `http://${setup.cp.httpAddress}`
  const missing = await fetch(`${base}/api/v1/events/services/checkout/histograms/db.query.duration`)
  assert.equal(missing.status, 404)
  assert.match(missing.headers.get('content-type') ?? '', /^application\/json/)
  assert.equal(((await missing.json()) as { code: string }).code, 'PB_NOT_FOUND')

  const stream = await openSse(`${base}/api/v1/events/services/checkout/histograms/${METRIC}`)
  await until(() => setup.cp.stats().histograms.watchers === 1)
  stream.close()
  await until(() => setup.cp.stats().histograms.watchers === 0)
})
