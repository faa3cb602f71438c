import assert from 'node:assert/strict'
import { test } from 'node:test'
import { status } from '@grpc/grpc-js'
import { joinFleet, METRIC, startCaptureFleet, until } from './fixtures/capture-fleet.js'
import { collect, nextWindowEnd } from './fixtures/histogram-fixtures.js'
import { grpcFailure } from './fixtures/test-control-plane.js'

const WATCH = { service: 'checkout', metric: METRIC }

test('watch - consecutive windows keep coming when an instance leaves and when one joins; the stream ends OK when the capture is removed', async (t) => {
  const setup = await startCaptureFleet(t, ['i-1', 'i-2'])
  const { fleet, captureId, client, cp } = setup
  const watched = collect(client.watchHistogram({ ...WATCH, perInstance: true }))
  await until(() => cp.stats().histograms.watchers === 1)
  const e0 = nextWindowEnd()

  fleet[0]?.publishSnapshot({ captureId, metric: METRIC, endMs: e0, seq: 1, values: [100, 200] })
  fleet[1]?.publishSnapshot({ captureId, metric: METRIC, endMs: e0, seq: 1, values: [300] })
  const first = await watched.next(3)
  assert.deepEqual(
    first.map((w) => [w.instance ?? '', w.endMs, w.count, w.instances, w.missing ?? []]),
    [
      ['', e0, 3, ['i-1', 'i-2'], []],
      ['i-1', e0, 2, ['i-1'], []],
      ['i-2', e0, 1, ['i-2'], []],
    ],
  )
  assert.ok((first[0]?.hdr?.length ?? 0) > 0, 'the merged window carries its hdr bytes')

  // i-2 leaves: the next window closes with i-1 alone, and i-2 is not reported missing.
  await fleet[1]?.close()
  await until(() => cp.stats().instances === 1)
  fleet[0]?.publishSnapshot({ captureId, metric: METRIC, endMs: e0 + 1_000, seq: 2, values: [150] })
  const second = (await watched.next(5)).slice(3)
  assert.deepEqual(
    second.map((w) => [w.instance ?? '', w.endMs, w.count, w.instances, w.missing ?? []]),
    [
      ['', e0 + 1_000, 1, ['i-1'], []],
      ['i-1', e0 + 1_000, 1, ['i-1'], []],
    ],
  )

  // i-3 joins: it is expected from now on and appears in the window's instances.
  const joined = await joinFleet(t, setup, 'i-3')
  await until(() => cp.stats().instances === 2)
  fleet[0]?.publishSnapshot({ captureId, metric: METRIC, endMs: e0 + 2_000, seq: 3, values: [1] })
  joined.publishSnapshot({ captureId, metric: METRIC, endMs: e0 + 2_000, seq: 1, values: [5, 6, 7] })
  const third = (await watched.next(8)).slice(5)
  assert.deepEqual(
    third.map((w) => [w.instance ?? '', w.count, w.instances]),
    [
      ['', 4, ['i-1', 'i-3']],
      ['i-1', 1, ['i-1']],
      ['i-3', 3, ['i-3']],
    ],
  )

  await client.removeRules({ service: 'checkout', ruleIds: [captureId] })
  const ended = await watched.ended
  assert.equal(ended.code, status.OK)
  assert.equal(watched.windows.length, 8)
  await until(() => cp.stats().histograms.watchers === 0)
})

test('watch - backlog sends the kept windows first, then live ones; cancelling unregisters the stream', async (t) => {
  const { fleet, captureId, client, cp } = await startCaptureFleet(t, ['i-1'])
  const e0 = nextWindowEnd()
  for (let w = 0; w < 3; w++) {
    fleet[0]?.publishSnapshot({ captureId, metric: METRIC, endMs: e0 + w * 1_000, seq: w + 1, values: [w + 1] })
  }
  await until(() => cp.stats().histograms.windowsClosed === 3)

  const watched = collect(client.watchHistogram({ ...WATCH, captureId, backlog: 2 }))
  const backlog = await watched.next(2)
  assert.deepEqual(
    backlog.map((w) => [w.endMs, w.sum]),
    [
      [e0 + 1_000, 2],
      [e0 + 2_000, 3],
    ],
  )
  fleet[0]?.publishSnapshot({ captureId, metric: METRIC, endMs: e0 + 3_000, seq: 4, values: [4] })
  const [, , live] = await watched.next(3)
  assert.deepEqual([live?.endMs, live?.sum], [e0 + 3_000, 4])

  assert.equal(cp.stats().histograms.watchers, 1)
  watched.cancel()
  assert.equal((await watched.ended).code, status.CANCELLED)
  await until(() => cp.stats().histograms.watchers === 0)
  // The merger runs on without it.
  fleet[0]?.publishSnapshot({ captureId, metric: METRIC, endMs: e0 + 4_000, seq: 5, values: [5] })
  await until(() => cp.stats().histograms.windowsClosed === 5)
})

test('watch - the stream ends OK when the capture expires', async (t) => {
  const { client, cp } = await startCaptureFleet(t, ['i-1'])
  const res = await client.setRule({
    rule: { selector: { service: 'checkout' }, capture: { metric: 'db.*', intervalMs: 1_000 }, ttlMs: 1_000 },
  })
  const watched = collect(client.watchHistogram({ service: 'checkout', metric: 'db.query' }))
  await until(() => cp.stats().histograms.watchers === 1)
  const ended = await watched.ended
  assert.equal(ended.code, status.OK)
  assert.ok(Date.now() >= (res.rules?.[0]?.expiresAt ?? 0), 'not before the expiry')
})

test('watch - no capture covering the metric is NOT_FOUND; a capture id of another metric is INVALID_ARGUMENT', async (t) => {
  const { client, captureId } = await startCaptureFleet(t, ['i-1'])
  const none = collect(client.watchHistogram({ service: 'checkout', metric: 'db.query' }))
  const notFound = await none.ended
  assert.equal(notFound.code, status.NOT_FOUND)
  assert.match(notFound.details, /no active capture covers metric db\.query in service checkout/)
  const other = collect(client.watchHistogram({ service: 'checkout', metric: 'db.query', captureId }))
  const invalid = await other.ended
  assert.equal(invalid.code, status.INVALID_ARGUMENT)
  assert.match(invalid.details, new RegExp(`^metric: capture ${captureId} covers ${METRIC}, not db.query`))
  const unknown = grpcFailure(
    await client.getHistogram({ service: 'checkout', metric: METRIC, captureId: 'r-0000000000' }).catch((e) => e),
  )
  assert.equal(unknown.code, status.NOT_FOUND)
  assert.match(unknown.details, /no capture r-0000000000/)
})
