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
  const discover = () => nc.publish(subjects.discover)
  /** A metric as the newest heartbeat that lists it says (heartbeats list only what changed). */
  const heard = (name: string) => {
    for (let i = beats.length - 1; i >= 0; i--) {
      const metric = beats[i]?.metrics?.find((m) => m.name === name)
      if (metric) return metric
    }
    return undefined
  }
  return { scalars, beats, putCapture, putGarbage, discover, heard }
}

/** A nats-server, the observer, and one SDK instance heartbeating every `heartbeatIntervalMs`. */
async function instanceWithObserver(t: TestContext, heartbeatIntervalMs: number) {
  const nats = await startTestNats(t)
  const obs = await observer(t, nats.url)
  const pb = init({
    service: SERVICE,
    instance: INSTANCE,
    nats: nats.url,
    destination: lineSink().stream,
    heartbeatIntervalMs,
    onDiagnostic: () => {},
  })
  t.after(() => pb.close())
  return { obs, pb }
}

test('instruments over NATS - scalar snapshots on the documented subject, heartbeats carry values, self-health moves', async (t) => {
  const { obs, pb } = await instanceWithObserver(t, 300)
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
  await eventually(() => obs.heard('orders.placed')?.value === 5, 2_000, 'a heartbeat with the new total')
  const placed = obs.heard('orders.placed')
  assert.equal(placed?.kind, 'counter')
  assert.equal(placed?.series, 2)
  assert.equal(placed?.unit, '1')
  assert.equal(obs.heard('orders.queue')?.value, 7)
  assert.equal(obs.heard('prodbench.sdk.captures')?.value, 1)

  await obs.putGarbage()
  const rejected = () => pb.status().metrics.find((m) => m.name === 'prodbench.sdk.rejected_states')?.value
  await eventually(() => rejected() === 1, 2_000, 'the refusal counted')
  assert.equal(pb.status().rejected.count, 1)
})

test('instruments over NATS - a heartbeat lists the metrics that changed since the last one; on connect and on discover, all', async (t) => {
  const { obs, pb } = await instanceWithObserver(t, 200)
  const orders = pb.counter('orders.placed')
  pb.gauge('orders.queue', { read: () => 7 })
  await pb.ready()
  const all = pb.status().metrics.map((m) => m.name)
  assert.ok(all.length > 5, `${all.length} metrics, the SDK's own included`)

  // The heartbeat on connect lists every metric.
  await eventually(() => obs.beats.length > 0, 2_000, 'the first heartbeat')
  const first = obs.beats[0]
  assert.equal(first?.metricsChangedOnly ?? false, false)
  assert.deepEqual(first?.metrics?.map((m) => m.name).sort(), [...all].sort())

  // Then only what changed: nothing while idle, the counter once it moves.
  await eventually(
    () => obs.beats.some((b) => b.metricsChangedOnly && (b.metrics ?? []).length === 0),
    2_000,
    'an idle one',
  )
  orders.add(4)
  await eventually(() => obs.heard('orders.placed')?.value === 4, 2_000, 'the new total')
  const moved = obs.beats.find((b) => b.metrics?.some((m) => m.name === 'orders.placed' && m.value === 4))
  assert.equal(moved?.metricsChangedOnly, true)
  assert.deepEqual(
    moved?.metrics?.map((m) => m.name),
    ['orders.placed'],
  )

  // A control plane asking who is there gets everything again.
  const before = obs.beats.length
  obs.discover()
  await eventually(
    () => obs.beats.slice(before).some((b) => !b.metricsChangedOnly && (b.metrics ?? []).length === all.length),
    2_000,
    'a full heartbeat after discover',
  )
})
