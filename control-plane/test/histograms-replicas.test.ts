import assert from 'node:assert/strict'
import { test } from 'node:test'
import { startControlPlane } from '../src/index.js'
import { eventually, METRIC, startCaptureFleet, until } from './fixtures/capture-fleet.js'
import { connectClient } from './fixtures/grpc-client.js'
import { nextWindowEnd } from './fixtures/histogram-fixtures.js'

test('replicas - a capture set through one control plane is merged and served by another', async (t) => {
  const { nats, fleet, captureId } = await startCaptureFleet(t, ['i-1', 'i-2'])
  const other = await startControlPlane({ nats: nats.url, grpc: '127.0.0.1:0', onWarning: () => {} })
  t.after(() => other.close())
  const client = connectClient(other.grpcAddress)
  t.after(() => client.close())
  await until(() => other.stats().histograms.captures === 1 && other.stats().instances === 2)

  const endMs = nextWindowEnd()
  fleet[0]?.publishSnapshot({ captureId, metric: METRIC, endMs, seq: 1, values: [1, 2] })
  fleet[1]?.publishSnapshot({ captureId, metric: METRIC, endMs, seq: 1, values: [3] })
  const { merged } = await eventually(() => client.getHistogram({ service: 'checkout', metric: METRIC }))
  assert.deepEqual([merged?.captureId, merged?.count, merged?.instances], [captureId, 3, ['i-1', 'i-2']])
})

test('replicas - after a NATS restart the merger still learns new captures and merges their snapshots', async (t) => {
  const { nats, fleet, client, cp } = await startCaptureFleet(t, ['i-1'])
  await nats.restart()
  // The control plane and the fake instance reconnect on their own.
  const res = await eventually(() =>
    client.setRule({ rule: { selector: { service: 'checkout' }, capture: { metric: 'db.query', intervalMs: 1_000 } } }),
  )
  const captureId = res.rules?.[0]?.id as string
  await until(() => cp.stats().histograms.captures === 2, 10_000)
  const endMs = nextWindowEnd()
  fleet[0]?.heartbeat()
  await until(() => cp.stats().instances === 1)
  fleet[0]?.publishSnapshot({ captureId, metric: 'db.query', endMs, seq: 1, values: [42] })
  const { merged } = await eventually(() => client.getHistogram({ service: 'checkout', metric: 'db.query' }))
  assert.deepEqual([merged?.count, merged?.sum], [1, 42])
})
