import assert from 'node:assert/strict'
import { test } from 'node:test'
import { eventually } from '../../test/helpers/eventually.js'
import { connectLogsClient, eventQueue } from './fixtures/logs-client.js'
import { startTestControlPlane } from './fixtures/test-control-plane.js'

test('tail - a control plane that starts removes tail rules nobody streams, and keeps the streamed ones', async (t) => {
  const first = await startTestControlPlane(t)
  const logs = connectLogsClient(first.cp.grpcAddress)
  t.after(() => logs.close())
  const live = logs.tail({ selector: { service: 'checkout' } })
  live.on('error', () => {})
  const liveId = (await eventQueue(live).next())?.tailId
  // A tail rule whose stream is gone: what a control plane killed mid-tail leaves behind.
  const orphan = await first.client.setRule({ rule: { selector: { service: 'checkout' }, tail: {} } })
  const orphanId = orphan.rules?.[0]?.id

  const second = await startTestControlPlane(t, { nats: first.nats })
  await eventually(() => second.cp.stats().tails.orphansRemoved === 1, 10_000, 'the orphan to be removed')
  const ids = (await second.client.listRules({ service: 'checkout' })).rules?.map((r) => r.id)
  assert.deepEqual(ids, [liveId])
  assert.ok(!ids?.includes(orphanId))
  live.cancel()
})
