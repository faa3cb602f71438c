import assert from 'node:assert/strict'
import { type TestContext, test } from 'node:test'
import { codecs, type DesiredStateInput, type HeartbeatMessage, type ScalarSnapshotMessage } from '@prodbench/proto'
import { connect, type NatsConnection } from 'nats'
import { eventually } from '../../test/helpers/eventually.js'
import { startTestNats } from '../../test/helpers/nats-server.js'
import { DESIRED_STATE_BUCKET, subjects } from '../src/core/index.js'
import { init } from '../src/index.js'
import { lineSink } from './helpers/line-sink.js'

const SERVICE = 'checkout'
const INSTANCE = 'pod-1'

/** A raw nats client collecting scalar snapshots and heartbeats, and writing desired states. */
async function observer(t: TestContext, url: string) {
  const nc: NatsConnection = await connect({ servers: url })
  t.after(() => nc.close())
  const scalars: Array<{ subject: string; message: ScalarSnapshotMessage }> = []
  const beats: HeartbeatMessage[] = []
  nc.subscribe(subjects.allScalars, {
    callback: (err, msg) => {
      if (!err) scalars.push({ subject: msg.subject, message: codecs.scalarSnapshot.decode(msg.data) })
    },
  })
  nc.subscribe(`pb.v1.hb.${SERVICE}.>`, {
    callback: (err, msg) => {
      if (!err) beats.push(codecs.heartbeat.decode(msg.data))
    },
  })
  await nc.flush()
  const kv = await nc.jetstream().views.kv(DESIRED_STATE_BUCKET, { history: 10 })
  const putCapture = (id: string, metric: string) => {
    const now = Date.now()
    const state: DesiredStateInput = {
      service: SERVICE,
      updatedAt: now,
      rules: [
        {
          id,
          selector: { service: SERVICE },
          capture: { metric, intervalMs: 1_000 },
          createdAt: now,
          author: 'ana@laptop',
          reason: 'test',
        },
      ],
    }
    return kv.put(SERVICE, codecs.desiredState.encode(state))
  }
  const putGarbage = () => kv.put(SERVICE, new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]))
  return { scalars, beats, putCapture, putGarbage }
}

test('instruments over NATS - scalar snapshots on the documented subject, heartbeats carry values, self-health moves', async (t) => {
  const nats = await startTestNats(t)
  const obs = await observer(t, nats.url)
  const pb = init({
    service: SERVICE,
    instance: INSTANCE,
    nats: nats.url,
    destination: lineSink().stream,
    heartbeatIntervalMs: 300,
    onDiagnostic: () => {},
  })
  t.after(() => pb.close())
  const orders = pb.counter('orders.placed', { labels: ['status'] })
  pb.gauge('orders.queue', { read: () => 7 })
  orders.add(3, { status: 'ok' })
  await pb.ready()

  await obs.putCapture('cap1', 'orders.*')
  await eventually(() => obs.scalars.length >= 2, 3_500, 'two scalar snapshots')
  const [first, second] = obs.scalars
  assert.equal(first?.subject, subjects.scalars(SERVICE, 'cap1', INSTANCE))
  assert.equal(first?.message.captureId, 'cap1')
  assert.equal(second?.message.seq, (first?.message.seq ?? 0) + 1)
  const gauge = second?.message.points?.find((p) => p.metric === 'orders.queue')
  assert.equal(gauge?.kind, 'gauge')
  assert.equal(gauge?.value, 7, 'the callback was read at the window end')
  const counter = second?.message.points?.find((p) => p.metric === 'orders.placed')
  assert.deepEqual(counter?.labels, { status: 'ok' })
  assert.equal(counter?.value, 3)
  assert.equal(pb.status().metrics.find((m) => m.name === 'prodbench.sdk.captures')?.value, 1)

  orders.add(2, { status: 'err' })
  await eventually(
    () => obs.beats.at(-1)?.metrics?.some((m) => m.name === 'orders.placed' && m.value === 5) ?? false,
    2_000,
    'a heartbeat with the new total',
  )
  const metrics = obs.beats.at(-1)?.metrics ?? []
  const placed = metrics.find((m) => m.name === 'orders.placed')
  assert.equal(placed?.kind, 'counter')
  assert.equal(placed?.series, 2)
  assert.equal(placed?.unit, '1')
  assert.equal(metrics.find((m) => m.name === 'orders.queue')?.value, 7)
  assert.equal(metrics.find((m) => m.name === 'prodbench.sdk.captures')?.value, 1)

  await obs.putGarbage()
  const rejected = () => pb.status().metrics.find((m) => m.name === 'prodbench.sdk.rejected_states')?.value
  await eventually(() => rejected() === 1, 2_000, 'the refusal counted')
  assert.equal(pb.status().rejected.count, 1)
})
