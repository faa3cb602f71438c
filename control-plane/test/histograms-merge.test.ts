import assert from 'node:assert/strict'
import { test } from 'node:test'
import { status } from '@grpc/grpc-js'
import { decodeFromCompressedBase64, type JsHistogram } from 'hdr-histogram-js'
import { eventually, METRIC, startCaptureFleet, until } from './fixtures/capture-fleet.js'
import { collect, histogramOf, latencies, nextWindowEnd } from './fixtures/histogram-fixtures.js'
import { grpcFailure } from './fixtures/test-control-plane.js'

/** Decodes window bytes with hdr-histogram-js's own decoder (not the code under test). */
function decode(hdr: Uint8Array | undefined): JsHistogram {
  return decodeFromCompressedBase64(Buffer.from(hdr ?? []).toString('base64'), 64, false) as JsHistogram
}

test('histograms - the merged window of three instances equals the histogram of the union of their values', async (t) => {
  const { fleet, captureId, client } = await startCaptureFleet(t, ['i-1', 'i-2', 'i-3'])
  const values = [latencies(2_000, 1), latencies(500, 2), latencies(3_000, 3)]
  const endMs = nextWindowEnd()
  fleet.forEach((f, i) => {
    f.publishSnapshot({ captureId, metric: METRIC, endMs, seq: 1, values: values[i] })
  })

  const { merged } = await eventually(() => client.getHistogram({ service: 'checkout', metric: METRIC }))
  const all = values.flat()
  const union = histogramOf(all) as JsHistogram
  assert.deepEqual(merged?.instances, ['i-1', 'i-2', 'i-3'])
  assert.deepEqual(merged?.missing ?? [], [])
  assert.equal(merged?.captureId, captureId)
  assert.equal(merged?.endMs, endMs)
  assert.equal(merged?.unit, 'us')
  assert.equal(merged?.count, all.length)
  assert.equal(
    merged?.sum,
    all.reduce((a, b) => a + b, 0),
  )
  assert.equal(merged?.min, Math.min(...all))
  assert.equal(merged?.max, Math.max(...all))

  const got = decode(merged?.hdr)
  assert.equal(got.totalCount, union.totalCount)
  let differing = 0
  for (let i = 0; i < union.countsArrayLength; i++) if (got.getCountAtIndex(i) !== union.getCountAtIndex(i)) differing++
  assert.equal(differing, 0, 'every bucket count equals the union histogram')
  for (const p of merged?.percentiles ?? []) {
    const q = p.quantile ?? 0
    // A percentile is its bucket's upper edge, but never read above the exact max.
    const expected = Math.min(union.getValueAtPercentile(q * 100), Math.max(...all))
    assert.equal(p.value, expected, `quantile ${p.quantile}`)
  }
  assert.deepEqual(
    merged?.percentiles?.map((p) => p.quantile),
    [0.5, 0.9, 0.99, 0.999, 0.9999, 1],
  )
  assert.equal(
    merged?.buckets?.reduce((n, b) => n + (b.count ?? 0), 0),
    all.length,
  )
})

test('histograms - a window closes at its grace deadline with missing naming the silent instance; late is counted', async (t) => {
  const { fleet, captureId, client, cp } = await startCaptureFleet(t, ['i-1', 'i-2', 'i-3'])
  const watched = collect(client.watchHistogram({ service: 'checkout', metric: METRIC }))
  await until(() => cp.stats().histograms.watchers === 1)
  // The window whose deadline (end + 1 s grace) is 0.5-1.5 s away: late enough that the
  // test is short, early enough that both snapshots (two connections) arrive before it.
  const endMs = nextWindowEnd(Date.now() - 500)
  fleet[0]?.publishSnapshot({ captureId, metric: METRIC, endMs, seq: 1, values: [100, 200] })
  fleet[1]?.publishSnapshot({ captureId, metric: METRIC, endMs, seq: 1, values: [300] })

  const [window] = await watched.next(1)
  const receivedAt = Date.now()
  assert.ok(receivedAt >= endMs + 1_000, `closed ${endMs + 1_000 - receivedAt} ms before the deadline`)
  assert.deepEqual(window?.instances, ['i-1', 'i-2'])
  assert.deepEqual(window?.missing, ['i-3'])
  assert.equal(window?.count, 3)

  fleet[2]?.publishSnapshot({ captureId, metric: METRIC, endMs, seq: 1, values: [400] })
  await until(() => cp.stats().histograms.late === 1)
  const { merged } = await client.getHistogram({ service: 'checkout', metric: METRIC })
  assert.equal(merged?.count, 3, 'the late snapshot was not merged')
  watched.cancel()
})

test('histograms - GetHistogram merges the last N windows, per instance when asked', async (t) => {
  const { fleet, captureId, client, cp } = await startCaptureFleet(t, ['i-1', 'i-2'])
  const e0 = nextWindowEnd()
  for (let w = 0; w < 3; w++) {
    fleet[0]?.publishSnapshot({ captureId, metric: METRIC, endMs: e0 + w * 1_000, seq: w + 1, values: [10 * (w + 1)] })
    fleet[1]?.publishSnapshot({ captureId, metric: METRIC, endMs: e0 + w * 1_000, seq: w + 1, values: [1_000, 2_000] })
  }
  await until(() => cp.stats().histograms.windowsClosed === 3)

  const last = await client.getHistogram({ service: 'checkout', metric: METRIC })
  assert.equal(last.merged?.endMs, e0 + 2_000)
  assert.equal(last.merged?.count, 3)
  assert.deepEqual(last.instances ?? [], [])

  const two = await client.getHistogram({ service: 'checkout', metric: METRIC, windows: 2, perInstance: true })
  assert.equal(two.merged?.count, 6)
  assert.equal(two.merged?.sum, 20 + 30 + 2 * 3_000)
  assert.equal(two.merged?.startMs, e0)
  assert.equal(two.merged?.endMs, e0 + 2_000)
  assert.equal(decode(two.merged?.hdr).totalCount, 6)
  assert.deepEqual(
    two.instances?.map((w) => [w.instance, w.count, w.sum, w.min, w.max]),
    [
      ['i-1', 2, 50, 20, 30],
      ['i-2', 4, 6_000, 1_000, 2_000],
    ],
  )

  const all = await client.getHistogram({ service: 'checkout', metric: METRIC, windows: 50, captureId })
  assert.equal(all.merged?.count, 9, 'more windows than kept: all that are kept')
  assert.equal(all.merged?.startMs, e0 - 1_000)
})

test('histograms - GetHistogram is NOT_FOUND naming the service and metric when nothing was captured', async (t) => {
  const { client } = await startCaptureFleet(t, ['i-1'])
  const uncovered = grpcFailure(await client.getHistogram({ service: 'checkout', metric: 'db.query' }).catch((e) => e))
  assert.equal(uncovered.code, status.NOT_FOUND)
  assert.equal(uncovered.pbCode, 'PB_NOT_FOUND')
  assert.match(uncovered.details, /no histogram of metric db\.query in service checkout: no capture covers it/)
  const waiting = grpcFailure(await client.getHistogram({ service: 'checkout', metric: METRIC }).catch((e) => e))
  assert.equal(waiting.code, status.NOT_FOUND)
  assert.match(waiting.details, /in service checkout: capture r-[0-9a-f]+ has no closed window yet/)
  const bad = grpcFailure(await client.getHistogram({ service: 'checkout', metric: 'a..b' }).catch((e) => e))
  assert.equal(bad.code, status.INVALID_ARGUMENT)
  assert.equal(bad.field, 'metric')
})
