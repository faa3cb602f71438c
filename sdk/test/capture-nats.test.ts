import assert from 'node:assert/strict'
import { type TestContext, test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import {
  type AckMessage,
  codecs,
  type DesiredStateInput,
  type HeartbeatMessage,
  type HistogramSnapshotMessage,
} from '@prodbench/proto'
import { connect, type NatsConnection, StorageType } from 'nats'
import { eventually } from '../../test/helpers/eventually.js'
import { startTestNats } from '../../test/helpers/nats-server.js'
import { DESIRED_STATE_BUCKET, subjects } from '../src/core/index.js'
import { init } from '../src/index.js'
import { decodeHdr } from '../src/metrics/hdr-codec.js'
import { lineSink } from './helpers/line-sink.js'

const SERVICE = 'checkout'
const INSTANCE = 'pod-1'

interface Received<T> {
  subject: string
  at: number
  message: T
}

/** A raw nats client (not the SDK's) that collects what the instance publishes. */
async function observer(t: TestContext, url: string) {
  const nc: NatsConnection = await connect({ servers: url, reconnectTimeWait: 50, maxReconnectAttempts: -1 })
  t.after(() => nc.close())
  const snapshots: Array<Received<HistogramSnapshotMessage>> = []
  const acks: Array<Received<AckMessage>> = []
  const beats: Array<Received<HeartbeatMessage>> = []
  const collect =
    <T>(into: Array<Received<T>>, decode: (b: Uint8Array) => T) =>
    (err: unknown, msg: { subject: string; data: Uint8Array }) => {
      if (!err) into.push({ subject: msg.subject, at: Date.now(), message: decode(msg.data) })
    }
  nc.subscribe(subjects.allHistograms, { callback: collect(snapshots, (b) => codecs.histogramSnapshot.decode(b)) })
  nc.subscribe(`pb.v1.ack.${SERVICE}.>`, { callback: collect(acks, (b) => codecs.ack.decode(b)) })
  nc.subscribe(`pb.v1.hb.${SERVICE}.>`, { callback: collect(beats, (b) => codecs.heartbeat.decode(b)) })
  await nc.flush()
  const kv = await nc.jetstream().views.kv(DESIRED_STATE_BUCKET, { history: 10 })
  /** Puts a desired state holding one capture rule. */
  const putCapture = async (id: string, metric: string, expiresAt = 0) => {
    const now = Date.now()
    const state: DesiredStateInput = {
      service: SERVICE,
      updatedAt: now,
      rules: [
        {
          id,
          selector: { service: SERVICE },
          capture: { metric, intervalMs: 1_000 },
          expiresAt,
          createdAt: now,
          author: 'ana@laptop',
          reason: 'test',
        },
      ],
    }
    return kv.put(SERVICE, codecs.desiredState.encode(state))
  }
  return { nc, snapshots, acks, beats, putCapture }
}

function sdk(t: TestContext, url: string) {
  const pb = init({
    service: SERVICE,
    instance: INSTANCE,
    nats: url,
    destination: lineSink().stream,
    heartbeatIntervalMs: 500,
    reconnectTimeWaitMs: 300,
  })
  t.after(() => pb.close())
  return pb
}

/** Records 1..n µs into `h` every 20 ms until the test ends; returns the values recorded so far. */
function steadyLoad(t: TestContext, h: { record(v: number): void }) {
  let n = 0
  const timer = setInterval(() => h.record(++n), 20)
  t.after(() => clearInterval(timer))
  return () => n
}

test('capture over NATS - snapshots stream on the documented subject and stop at the TTL', async (t) => {
  const nats = await startTestNats(t)
  const obs = await observer(t, nats.url)
  const pb = sdk(t, nats.url)
  const h = pb.histogram('http.server.duration')
  pb.histogram('db.query', { unit: 'ms' }) // not covered by the capture
  steadyLoad(t, h)
  await pb.ready()

  const expiresAt = Date.now() + 2_500
  const revision = await obs.putCapture('cap1', 'http.server.**', expiresAt)
  const hasCap = (captures?: Array<{ captureId?: string; metrics?: string[] }>) =>
    captures?.some((c) => c.captureId === 'cap1' && c.metrics?.includes('http.server.duration')) ?? false
  await eventually(() => obs.acks.some((a) => a.message.revision === revision), 3_000, 'the ack')
  const ack = obs.acks.find((a) => a.message.revision === revision)?.message
  assert.equal(ack?.ok, true)
  assert.ok(hasCap(ack?.applied?.captures), 'the ack shows the capture as applied')
  assert.equal(ack?.applied?.captures?.[0]?.expiresAt, expiresAt)

  const running = pb.status().captures
  assert.deepEqual(running, [
    { captureId: 'cap1', metric: 'http.server.**', intervalMs: 1_000, metrics: ['http.server.duration'], expiresAt },
  ])
  await eventually(() => obs.beats.some((b) => hasCap(b.message.applied?.captures)), 2_000, 'a heartbeat with it')
  // The first heartbeat lists every metric, later ones those that changed: together, all of them.
  const histograms = new Set(
    obs.beats.flatMap((b) =>
      (b.message.metrics ?? []).filter((m) => m.kind === 'histogram').map((m) => `${m.name} ${m.unit}`),
    ),
  )
  assert.deepEqual(
    [...histograms].sort(),
    ['db.query ms', 'http.server.duration us'],
    'heartbeats list the registered metrics',
  )

  // Past the TTL: the expiry is the SDK's own (no control plane runs here).
  await sleep(Math.max(expiresAt - Date.now(), 0) + 200)
  assert.deepEqual(pb.status().captures, [], 'the capture stopped at its TTL')
  const atExpiry = obs.snapshots.length
  await sleep(1_300)
  assert.equal(obs.snapshots.length, atExpiry, 'nothing published after the TTL')

  const snaps = obs.snapshots
  assert.ok(snaps.length >= 2, `a 2.5 s capture published ${snaps.length} snapshots`)
  snaps.forEach(({ subject, message: s }, i) => {
    assert.equal(subject, `pb.v1.hist.${SERVICE}.cap1.${INSTANCE}`)
    assert.equal(s.captureId, 'cap1')
    assert.equal(s.service, SERVICE)
    assert.equal(s.instance, INSTANCE)
    assert.equal(s.metric, 'http.server.duration')
    assert.equal(s.unit, 'us')
    assert.equal(s.significantDigits, 3)
    assert.equal(s.seq, i + 1, 'seq counts up from 1')
    assert.equal((s.endMs ?? 1) % 1_000, 0, 'windows end on whole seconds')
    assert.ok((s.endMs ?? 0) <= expiresAt, `window ending at ${s.endMs} is not past the expiry ${expiresAt}`)
    if (i > 0) assert.equal(s.startMs, snaps[i - 1]?.message.endMs, 'windows are contiguous')
    const count = s.count ?? 0
    assert.ok(count > 0, `window ${i + 1} holds the steady load`)
    assert.equal(decodeHdr(s.hdr ?? new Uint8Array()).totalCount, count, 'hdr holds exactly count values')
    assert.ok((s.min ?? 0) >= 1 && (s.min ?? 0) <= (s.max ?? 0))
    // The load records 1, 2, 3, ...: a window's values are consecutive integers.
    assert.equal(s.sum, ((s.min ?? 0) + (s.max ?? 0)) * (count / 2), 'sum of consecutive values')
  })

  await eventually(
    () => obs.beats.some((b) => b.at > expiresAt && !hasCap(b.message.applied?.captures)),
    2_000,
    'a heartbeat without the capture after the TTL',
  )
})

test('capture over NATS - snapshots made while NATS is down are sent in order once it is back', async (t) => {
  const nats = await startTestNats(t)
  const obs = await observer(t, nats.url)
  // A file-backed stream keeps every snapshot the server receives, so what is
  // checked does not depend on which client reconnects first after the outage.
  const jsm = await obs.nc.jetstreamManager()
  await jsm.streams.add({ name: 'HIST', subjects: [subjects.allHistograms], storage: StorageType.File })
  const stored = async () => {
    const last = (await jsm.streams.info('HIST')).state.last_seq
    const seqs: number[] = []
    for (let n = 1; n <= last; n++) {
      seqs.push(codecs.histogramSnapshot.decode((await jsm.streams.getMessage('HIST', { seq: n })).data).seq ?? 0)
    }
    return seqs
  }
  const pb = sdk(t, nats.url)
  steadyLoad(t, pb.histogram('http.server.duration'))
  await pb.ready()
  await obs.putCapture('cap2', 'http.server.duration')
  await eventually(() => obs.snapshots.length >= 1, 3_000, 'the first snapshot')

  const beforeOutage = obs.snapshots.length
  await nats.stop()
  await eventually(() => pb.status().connection === 'disconnected', 2_000, 'the SDK to see the outage')
  await eventually(() => pb.status().snapshots.buffered >= 2, 3_500, 'two buffered snapshots')
  const buffered = pb.status().snapshots.buffered
  await nats.restart()
  await eventually(() => pb.status().connection === 'connected', 5_000, 'the reconnect')
  await eventually(() => pb.status().snapshots.buffered === 0, 3_000, 'the buffer to drain')
  // Those before the outage, the buffered ones, and one live after them.
  const wanted = beforeOutage + buffered + 1
  // The observer's own connection may still be coming back: a read that
  // times out meanwhile is tried again, within the deadline.
  const read = () => stored().catch(() => [] as number[])
  let seqs = await read()
  const deadline = Date.now() + 10_000
  while (seqs.length < wanted && Date.now() < deadline) {
    await sleep(100)
    seqs = await read()
  }
  assert.ok(seqs.length >= wanted, `stored ${seqs.length}: ${beforeOutage} before, ${buffered} buffered, then live`)
  assert.deepEqual(
    seqs,
    seqs.map((_, i) => i + 1),
    'every snapshot arrives, in order, none lost in the outage',
  )
  assert.equal(pb.status().snapshots.dropped, 0)
})
