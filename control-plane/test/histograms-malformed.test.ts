import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { test } from 'node:test'
import { codecs } from '@prodbench/proto'
import { subjects } from '@prodbench/sdk/core'
import { METRIC, startCaptureFleet, until } from './fixtures/capture-fleet.js'
import { collect, nextWindowEnd, snapshotOf } from './fixtures/histogram-fixtures.js'

/** `length` deterministic noise bytes (a seeded LCG), so a failure reproduces. */
function noise(length: number, seed: number): Uint8Array {
  let state = seed
  return Uint8Array.from({ length }, () => {
    state = (state * 1_103_515_245 + 12_345) >>> 0
    return state >>> 24
  })
}

test('malformed snapshots - bad bytes are refused and counted by reason while a valid stream keeps flowing', async (t) => {
  const { fleet, captureId, client, cp } = await startCaptureFleet(t, ['i-1'])
  const i1 = fleet[0]
  assert.ok(i1)
  const watched = collect(client.watchHistogram({ service: 'checkout', metric: METRIC }))
  await until(() => cp.stats().histograms.watchers === 1)
  const subject = subjects.histogram('checkout', captureId, 'i-1')
  const e0 = nextWindowEnd()

  i1.publishSnapshot({ captureId, metric: METRIC, endMs: e0, seq: 1, values: [10, 20] })
  // Not protobuf at all: field 1 with wire type 7 (no such type), then random bytes.
  i1.publish(subject, Uint8Array.from([0x0f, 0xff, 0xff]))
  for (let i = 0; i < 20; i++) i1.publish(subject, noise(1 + i * 7, i + 1))
  // Valid protobuf, garbage where the HdrHistogram should be.
  i1.publishSnapshot({ captureId, metric: METRIC, endMs: e0 + 1_000, seq: 2, hdr: randomBytes(64) })
  // A truncated V2 cookie with nothing behind it.
  i1.publishSnapshot({
    captureId,
    metric: METRIC,
    endMs: e0 + 1_000,
    seq: 2,
    hdr: Uint8Array.from([0x1c, 0x84, 0x93, 0x14, 0, 0, 0, 9]),
  })
  // Identity that does not match its subject, and a capture that does not exist.
  i1.publish(
    subject,
    codecs.histogramSnapshot.encode(snapshotOf('checkout', 'i-9', { captureId, metric: METRIC, endMs: e0, seq: 1 })),
  )
  i1.publish(
    subjects.histogram('checkout', 'r-ffffffffff', 'i-1'),
    codecs.histogramSnapshot.encode(
      snapshotOf('checkout', 'i-1', { captureId: 'r-ffffffffff', metric: METRIC, endMs: e0, seq: 1 }),
    ),
  )
  // A metric the capture does not cover, and a bad unit.
  i1.publishSnapshot({ captureId, metric: 'db.query', endMs: e0, seq: 1, values: [1] })
  i1.publishSnapshot({ captureId, metric: METRIC, endMs: e0 + 1_000, seq: 2, values: [1], unit: 'furlongs' })
  // The valid stream goes on: the next window holds only the good snapshot.
  i1.publishSnapshot({ captureId, metric: METRIC, endMs: e0 + 1_000, seq: 2, values: [30] })
  await i1.flush()

  const windows = await watched.next(2)
  assert.deepEqual(
    windows.map((w) => [w.endMs, w.count, w.sum, w.instances]),
    [
      [e0, 2, 30, ['i-1']],
      [e0 + 1_000, 1, 30, ['i-1']],
    ],
  )
  const stats = cp.stats().histograms
  assert.equal(stats.accepted, 2)
  // protobufjs skips unknown fields, so some noise decodes: then it fails the identity check instead.
  assert.ok(stats.rejectedByReason.protobuf >= 1, JSON.stringify(stats.rejectedByReason))
  assert.equal(stats.rejectedByReason.protobuf + stats.rejectedByReason.identity, 21 + 1)
  assert.equal(stats.rejectedByReason.hdr, 2)
  assert.equal(stats.rejectedByReason['unknown-capture'], 1)
  assert.equal(stats.rejectedByReason.metric, 1)
  assert.equal(stats.rejectedByReason.fields, 1)
  assert.equal(stats.rejected, 21 + 2 + 1 + 1 + 1 + 1)
  assert.match(stats.lastRejection ?? '', /^fields: .*unknown unit "furlongs"/)
  watched.cancel()
})

test('malformed snapshots - sequence gaps count as lost; a second snapshot in a window is refused, one after it closed is late', async (t) => {
  const { fleet, captureId, cp, client } = await startCaptureFleet(t, ['i-1', 'i-2'])
  const [i1, i2] = fleet
  assert.ok(i1 && i2)
  const e0 = nextWindowEnd()
  i1.publishSnapshot({ captureId, metric: METRIC, endMs: e0, seq: 1, values: [1] })
  i1.publishSnapshot({ captureId, metric: METRIC, endMs: e0, seq: 1, values: [1] })
  await until(() => cp.stats().histograms.rejectedByReason.duplicate === 1)
  i2.publishSnapshot({ captureId, metric: METRIC, endMs: e0, seq: 1, values: [2] })
  for (const [w, seq] of [
    [1, 2],
    [4, 5],
  ] as const) {
    i1.publishSnapshot({ captureId, metric: METRIC, endMs: e0 + w * 1_000, seq, values: [1] })
    i2.publishSnapshot({ captureId, metric: METRIC, endMs: e0 + w * 1_000, seq: w + 1, values: [2] })
  }
  await until(() => cp.stats().histograms.windowsClosed === 3)
  assert.equal(cp.stats().histograms.lost, 2 + 2, 'i-1 skipped seq 3-4, i-2 seq 3-4')
  i1.publishSnapshot({ captureId, metric: METRIC, endMs: e0 + 4_000, seq: 5, values: [1] })
  await until(() => cp.stats().histograms.late === 1)
  assert.equal(cp.stats().histograms.accepted, 6)
  const { merged } = await client.getHistogram({ service: 'checkout', metric: METRIC, windows: 3 })
  assert.equal(merged?.count, 6, 'nothing merged twice')
})
