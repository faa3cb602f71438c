import assert from 'node:assert/strict'
import { connect as http2Connect } from 'node:http2'
import { test } from 'node:test'
import { grpcPackage, type HistogramWindowMessage } from '@prodbench/proto'
import { startControlPlane } from '../../control-plane/src/index.js'
import { eventually, startInstance } from '../helpers/fleet.js'
import { controlPlaneClient } from '../helpers/grpc.js'
import { startTestNats } from '../helpers/nats-server.js'
import { mulberry32 } from '../helpers/random.js'

const METRIC = 'http.server.duration'
const STREAM_QUEUE = 4
const INSTANCES = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']

/**
 * A WatchHistogram call from a client that never reads: raw HTTP/2 with a
 * stream window of 0 bytes, so the server cannot send it a single message
 * (what a stuck client reaches once its 64 KiB window is full).
 */
function stuckWatch(address: string, request: Record<string, unknown>) {
  const session = http2Connect(`http://${address}`, { settings: { initialWindowSize: 0 } })
  session.on('error', () => {})
  const stream = session.request({
    ':method': 'POST',
    ':path': '/prodbench.v1.ControlPlane/WatchHistogram',
    'content-type': 'application/grpc',
    te: 'trailers',
  })
  stream.on('error', () => {})
  const body = grpcPackage.prodbench.v1.ControlPlane.service.WatchHistogram.requestSerialize(request as never)
  const frame = Buffer.alloc(5 + body.length)
  frame.writeUInt32BE(body.length, 1)
  body.copy(frame, 5)
  stream.end(frame)
  return { close: () => session.destroy() }
}

test('slow watcher - a WatchHistogram client that never reads is bounded; other watchers and set-level carry on', async (t) => {
  const nats = await startTestNats(t)
  const cp = await startControlPlane({
    nats: nats.url,
    grpc: '127.0.0.1:0',
    histograms: { streamQueue: STREAM_QUEUE },
  })
  t.after(() => cp.close())
  const client = controlPlaneClient(cp.grpcAddress, t)
  const fleet = INSTANCES.map((id) => startInstance({ service: 'checkout', instance: id, nats: nats.url }, t))
  await Promise.all(fleet.map((i) => i.pb.ready()))
  await eventually(
    async () => (await client.listInstances({ service: 'checkout' }))?.instances?.length === INSTANCES.length,
  )
  const next = mulberry32(7)
  for (const i of fleet) {
    const h = i.pb.histogram(METRIC)
    // Values over the whole range make each window's HDR bytes large.
    const timer = setInterval(() => {
      for (let n = 0; n < 50; n++) h.record(1 + Math.floor(next() ** 4 * 60_000_000))
    }, 20)
    t.after(() => clearInterval(timer))
  }
  const capture = await client.setRule({
    rule: { selector: { service: 'checkout' }, capture: { metric: METRIC, intervalMs: 1_000 }, ttlMs: 60_000 },
    waitMs: 5_000,
  })
  assert.equal(capture?.rollout?.complete, true)

  // One client that never reads (per-instance views: 9 messages a window), one that reads.
  const stuck = stuckWatch(cp.grpcAddress, { service: 'checkout', metric: METRIC, perInstance: true })
  t.after(() => stuck.close())
  const windows: HistogramWindowMessage[] = []
  const healthy = client.watchHistogram({ service: 'checkout', metric: METRIC })
  healthy.on('data', (w: HistogramWindowMessage) => windows.push(w))
  healthy.on('error', () => {})
  t.after(() => healthy.cancel())
  await eventually(() => cp.stats().histograms.watchers === 2, 3_000, 'both watchers registered')

  const messagesPerWindow = INSTANCES.length + 1
  // grpc-js and HTTP/2 hold what was written before the first write said "full"; the queue holds STREAM_QUEUE.
  await eventually(() => cp.stats().histograms.streamDrops > 0, 15_000, "the stuck client's queue dropping")
  const change = await client.setRule({
    rule: { selector: { service: 'checkout', logger: 'db' }, level: 'debug' },
    waitMs: 5_000,
  })
  assert.equal(change?.rollout?.complete, true, 'set-level unaffected')
  assert.equal(change?.rollout?.applied?.length, INSTANCES.length)
  const before = windows.length
  await eventually(() => windows.length >= before + 2, 5_000, 'the reading watcher keeps getting windows')

  const stats = cp.stats().histograms
  const delivered = windows.filter((w) => !w.instance)
  const ends = delivered.map((w) => Number(w.endMs ?? 0))
  for (let k = 1; k < ends.length; k++) {
    assert.equal(ends[k]! - ends[k - 1]!, 1_000, `the reading watcher missed no window: ${ends}`)
  }
  // Everything produced for the stuck client beyond the transport's few messages and the queue was dropped.
  const produced = delivered.length * messagesPerWindow
  assert.ok(
    stats.streamDrops >= produced - STREAM_QUEUE - 40,
    `drops ${stats.streamDrops} of ${produced} produced for the stuck client`,
  )
  stuck.close()
  await eventually(() => cp.stats().histograms.watchers === 1, 3_000, 'the stuck stream unregistered once gone')
  console.log(
    `slow watcher: ${delivered.length} windows to the reading watcher, none missed; ${produced} messages for the stuck one, ` +
      `${stats.streamDrops} dropped (queue ${STREAM_QUEUE}); set-level applied on ${INSTANCES.length}/${INSTANCES.length} in ${change?.rollout?.elapsedMs} ms`,
  )
})
