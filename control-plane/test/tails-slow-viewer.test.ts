import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { TailEventMessage } from '@prodbench/proto'
import { eventually } from '../../test/helpers/eventually.js'
import { startFakeInstance } from './fixtures/fake-instance.js'
import { connectLogsClient } from './fixtures/logs-client.js'
import { startTestControlPlane } from './fixtures/test-control-plane.js'

const QUEUE_BYTES = 64 * 1024

test('tail - a viewer that stops reading costs a bounded queue, loses the oldest batches and is told how many', async (t) => {
  const { nats, cp, client } = await startTestControlPlane(t, { tails: { queueBytes: QUEUE_BYTES, queueEvents: 16 } })
  const fake = await startFakeInstance(nats.url, { service: 'checkout', instance: 'web1' })
  t.after(() => fake.close())
  const logs = connectLogsClient(cp.grpcAddress)
  t.after(() => logs.close())

  const call = logs.tail({ selector: { service: 'checkout' } })
  call.on('error', () => {}) // the cancel at the end
  const events: TailEventMessage[] = []
  call.on('data', (event: TailEventMessage) => {
    events.push(event)
    // Read the first event, then stop: gRPC flow control backs up to the control plane.
    if (events.length === 1) call.pause()
  })
  await eventually(() => events.length === 1, 5_000, 'the first event')
  const tailId = events[0]?.tailId as string
  await fake.waitForTail()

  const line = JSON.stringify({ level: 20, msg: 'x'.repeat(1_000) })
  const perBatch = 20
  let published = 0
  // ~8 MB: far more than the queue, the HTTP/2 windows and the gRPC buffers together.
  for (let batch = 0; batch < 400; batch++) {
    fake.publishTail(tailId, new Array(perBatch).fill(line))
    published += perBatch
    if (batch % 50 === 49) await fake.flush()
  }
  await fake.flush()
  await eventually(() => cp.stats().tails.dropped > 0, 10_000, 'records to be dropped for the stalled viewer')
  const stats = cp.stats().tails
  assert.ok(stats.peakQueuedBytes <= QUEUE_BYTES, `queued at most ${QUEUE_BYTES} bytes, saw ${stats.peakQueuedBytes}`)

  // The rest of the control plane does not wait for the viewer.
  const change = await client.setRule({ rule: { selector: { service: 'checkout' }, level: 'debug' }, waitMs: 5_000 })
  assert.equal(change.rollout?.complete, true)

  // Reading again: every record is either delivered or counted in a `dropped`.
  call.resume()
  fake.publishTail(tailId, [line])
  published += 1
  const accounted = () => events.reduce((sum, event) => sum + (event.records?.length ?? 0) + (event.dropped ?? 0), 0)
  await eventually(() => accounted() === published, 10_000, 'delivered + dropped to add up to what was published')
  const delivered = events.reduce((sum, event) => sum + (event.records?.length ?? 0), 0)
  assert.ok(delivered < published, 'some records were dropped, not buffered without bound')
  assert.equal(cp.stats().tails.dropped, published - delivered)
  t.diagnostic(
    `published ${published}, delivered ${delivered}, dropped ${published - delivered}, peak queue ${stats.peakQueuedBytes} B`,
  )
  call.cancel()
})
