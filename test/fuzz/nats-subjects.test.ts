import assert from 'node:assert/strict'
import { test } from 'node:test'
import { codecs } from '@prodbench/proto'
import { DESIRED_STATE_BUCKET, instanceIdProblem, serviceNameProblem } from '@prodbench/sdk/core'
import { connect, ErrorCode, type NatsConnection } from 'nats'
import { startControlPlane } from '../../control-plane/src/index.js'
import { snapshotOf } from '../../control-plane/test/fixtures/histogram-fixtures.js'
import { StateFollower } from '../../sdk/src/control/state-follower.js'
import { eventually, startInstance } from '../helpers/fleet.js'
import { controlPlaneClient } from '../helpers/grpc.js'
import { startTestNats } from '../helpers/nats-server.js'
import { Fuzzer } from './generators.js'

const SEED = 20_261_126
const KV_CASES = 200
const WIRE_CASES = 300
const METRIC = 'http.server.duration'

/** A subject for a message that should be on `valid`: mostly right, sometimes malformed. */
function subjectFor(f: Fuzzer, valid: string): string {
  if (f.chance(0.85)) return valid
  const parts = valid.split('.')
  return f.pick([
    parts.slice(0, -1).join('.'),
    `${valid}.extra`,
    [...parts.slice(0, 3), 'x'.repeat(200), ...parts.slice(4)].join('.'),
    [...parts.slice(0, 3), 'café', ...parts.slice(4)].join('.'),
    [...parts.slice(0, 3), '-', ...parts.slice(4)].join('.'),
  ])
}

/** Whether the registry must accept this heartbeat or ack: it decodes, and its valid identity matches the subject. */
function registryAccepts(subject: string, bytes: Uint8Array, decode: (b: Uint8Array) => { identity?: unknown }) {
  const tokens = subject.split('.')
  if (tokens.length !== 5) return false
  let identity: { service?: string; instance?: string } | undefined
  try {
    // As the control plane gets it from NATS: a Node Buffer (see the truncated-string test below).
    identity = decode(Buffer.from(bytes)).identity as typeof identity
  } catch {
    return false
  }
  if (!identity) return false
  const service = identity.service ?? ''
  const instance = identity.instance ?? ''
  if (serviceNameProblem(service) || instanceIdProblem(instance)) return false
  return service === tokens[3] && instance === tokens[4]
}

async function settle(nc: NatsConnection, check: () => boolean, what: string) {
  await nc.flush()
  await eventually(check, 10_000, what)
}

test('fuzz - bad bytes on every subject the SDK and control plane listen on are refused and counted; valid traffic carries on', async (t) => {
  const f = new Fuzzer(SEED)
  const nats = await startTestNats(t)
  const warnings: string[] = []
  const cp = await startControlPlane({ nats: nats.url, grpc: '127.0.0.1:0', onWarning: (m) => warnings.push(m) })
  t.after(() => cp.close())
  const client = controlPlaneClient(cp.grpcAddress, t)
  const failures: unknown[] = []
  const onFailure = (err: unknown) => failures.push(err)
  process.on('unhandledRejection', onFailure)
  process.on('uncaughtException', onFailure)
  t.after(() => {
    process.off('unhandledRejection', onFailure)
    process.off('uncaughtException', onFailure)
  })
  const fleet = ['one', 'two'].map((id) => startInstance({ service: 'checkout', instance: id, nats: nats.url }, t))
  await Promise.all(fleet.map((i) => i.pb.ready()))
  await eventually(async () => (await client.listInstances({ service: 'checkout' }))?.instances?.length === 2)
  const raw = await connect({ servers: nats.url })
  t.after(() => raw.close())
  const kv = await raw.jetstream().views.kv(DESIRED_STATE_BUCKET)
  const refusals = new Map<string, number>()
  raw.subscribe('pb.v1.ack.checkout.*', {
    callback: (_err, msg) => {
      const ack = codecs.ack.decode(msg.data)
      if (!ack.ok) refusals.set(msg.subject, (refusals.get(msg.subject) ?? 0) + 1)
    },
  })
  const tried: Record<string, number> = {}
  const count = (what: string) => {
    tried[what] = (tried[what] ?? 0) + 1
  }

  // 1. The desired state in KV, as a writer with KV access could corrupt it. The oracle is a
  //    StateFollower of its own: every value it refuses, each instance must refuse, count and ack as refused.
  const oracle = new StateFollower({ service: 'checkout', instance: 'oracle' }, () => {})
  const validState = () =>
    codecs.desiredState.encode({
      service: 'checkout',
      rules: [
        {
          id: 'r-fuzz1',
          selector: { service: 'checkout', logger: 'db' },
          level: 'debug',
          createdAt: Date.now(),
          author: 'fuzz',
        },
        {
          id: 'r-fuzz2',
          selector: { service: 'checkout', instance: 'one', logger: 'http.*' },
          level: 'warn',
          expiresAt: Date.now() + 600_000,
          createdAt: Date.now(),
          author: 'fuzz',
          reason: 'fuzz',
        },
      ],
      updatedAt: Date.now(),
    })
  let expectedRefusals = 0
  let lastRevision = 0
  for (let n = 1; n <= KV_CASES; n++) {
    const { bytes, kind } = f.message(validState())
    count(`kv ${kind}`)
    lastRevision = await kv.put('checkout', bytes)
    if (oracle.offer(bytes, lastRevision).kind === 'rejected') expectedRefusals++
    if (n % 50 === 0) {
      // Valid traffic in the middle: a good state, then a set-level through the control plane.
      lastRevision = await kv.put('checkout', validState())
      oracle.offer(validState(), lastRevision)
      const level = n % 100 === 0 ? 'trace' : 'error'
      const res = await client.setRule({
        rule: { selector: { service: 'checkout', logger: 'pay' }, level },
        waitMs: 5_000,
      })
      assert.equal(res?.rollout?.complete, true, `set-level after ${n} bad values: ${JSON.stringify(res?.rollout)}`)
      for (const i of fleet) assert.equal(i.pb.logger('pay').level, level)
      lastRevision = res?.rollout?.revision ?? lastRevision
      oracle.offer(await kv.get('checkout').then((e) => e?.value ?? null), lastRevision)
    }
  }
  await settle(raw, () => fleet.every((i) => i.pb.status().revision === lastRevision), 'instances at the last revision')
  assert.ok(expectedRefusals > 50, `most bad values are refused (${expectedRefusals})`)
  for (const i of fleet) {
    const { rejected } = i.pb.status()
    assert.equal(rejected.count, expectedRefusals, `${i.pb.instance}: every refused value counted`)
    assert.ok(rejected.lastReason, 'with a reason')
    await eventually(() => refusals.get(`pb.v1.ack.checkout.${i.pb.instance}`) === expectedRefusals, 5_000, 'acks')
  }

  // 2. pb.v1.discover: anything published there only makes instances announce themselves.
  for (let n = 0; n < 50; n++) {
    raw.publish('pb.v1.discover', f.bytes())
    count('discover')
  }

  // 3. Heartbeats and acks: each must be taken or refused (counted) exactly as the oracle says.
  const identity = { service: 'fuzzsvc', instance: 'fz', host: 'fuzz', pid: 1, startedAt: 1 }
  const validBeat = codecs.heartbeat.encode({ identity, applied: { revision: 1 }, intervalMs: 60_000, at: Date.now() })
  const validAck = codecs.ack.encode({ identity, revision: 1, ok: true, applied: { revision: 1 }, at: Date.now() })
  const registryBefore = cp.stats().rejected
  let registryRefusals = 0
  for (let n = 0; n < WIRE_CASES; n++) {
    for (const [kind, valid, subject, decode] of [
      ['hb', validBeat, 'pb.v1.hb.fuzzsvc.fz', codecs.heartbeat.decode],
      ['ack', validAck, 'pb.v1.ack.fuzzsvc.fz', codecs.ack.decode],
    ] as const) {
      const { bytes } = f.message(valid)
      const on = subjectFor(f, subject)
      raw.publish(on, bytes)
      count(kind)
      if (!registryAccepts(on, bytes, decode)) registryRefusals++
    }
  }
  await settle(raw, () => cp.stats().rejected - registryBefore >= registryRefusals, 'registry refusals')
  await new Promise((resolve) => setTimeout(resolve, 200))
  assert.equal(cp.stats().rejected - registryBefore, registryRefusals, 'every bad heartbeat and ack refused, no more')
  assert.ok(cp.stats().lastRejection, 'the last refusal has a reason')

  // 4. Histogram and counter/gauge snapshots, while a real capture streams beside them.
  for (const i of fleet) {
    const h = i.pb.histogram(METRIC)
    const c = i.pb.counter('orders.placed')
    const timer = setInterval(() => {
      h.record(1_000)
      c.add(1)
    }, 20)
    t.after(() => clearInterval(timer))
  }
  const capture = await client.setRule({
    rule: { selector: { service: 'checkout' }, capture: { metric: '**', intervalMs: 1_000 }, ttlMs: 60_000 },
    waitMs: 5_000,
  })
  const captureId = capture?.rules?.[0]?.id ?? ''
  assert.equal(capture?.rollout?.complete, true)
  let wire = 0
  raw.subscribe('pb.v1.hist.>', { callback: () => wire++ })
  raw.subscribe('pb.v1.scalars.>', { callback: () => wire++ })
  await raw.flush()
  const before = cp.stats()
  const end = Math.ceil(Date.now() / 1_000) * 1_000
  for (let n = 0; n < WIRE_CASES; n++) {
    const instance = `fz${f.int(4)}`
    const snapshot = codecs.histogramSnapshot.encode(
      snapshotOf('checkout', instance, { captureId, metric: METRIC, endMs: end, seq: n + 1, values: [f.int(1e6) + 1] }),
    )
    raw.publish(subjectFor(f, `pb.v1.hist.checkout.${captureId}.${instance}`), f.message(snapshot).bytes)
    count('hist')
    const scalars = codecs.scalarSnapshot.encode({
      captureId,
      service: 'checkout',
      instance,
      seq: n + 1,
      startMs: end - 1_000,
      endMs: end,
      points: [{ metric: 'orders.placed', kind: 'counter', unit: '1', labels: { route: '/pay' }, delta: 1, value: n }],
    })
    raw.publish(subjectFor(f, `pb.v1.scalars.checkout.${captureId}.${instance}`), f.message(scalars).bytes)
    count('scalars')
  }
  // Every snapshot on the wire (fuzz and real) is merged, late, or refused with a reason: none vanishes.
  const handled = () => {
    const { histograms: h, scalars: s } = cp.stats()
    return (
      h.accepted +
      h.late +
      h.rejected -
      (before.histograms.accepted + before.histograms.late + before.histograms.rejected) +
      (s.accepted + s.late + s.rejected) -
      (before.scalars.accepted + before.scalars.late + before.scalars.rejected)
    )
  }
  await settle(raw, () => handled() === wire, 'every snapshot handled')
  const stats = cp.stats()
  assert.ok(stats.histograms.rejected - before.histograms.rejected > WIRE_CASES / 3, 'bad histogram snapshots refused')
  assert.ok(stats.scalars.rejected - before.scalars.rejected > WIRE_CASES / 3, 'bad counter snapshots refused')
  // The real capture still merges both instances' windows.
  const since = Date.now()
  await eventually(
    async () => {
      const res = await client.getHistogram({ service: 'checkout', metric: METRIC, windows: 1 }).catch(() => undefined)
      return Number(res?.merged?.endMs ?? 0) > since && res?.merged?.instances?.includes('one') === true
    },
    5_000,
    'a real window after the fuzz',
  )

  // 5. Dump requests to an instance and tail batches, once the SDK answers them (issue 4).
  const dumpSubject = 'pb.v1.dump.checkout.one'
  const answers = await raw.request(dumpSubject, new Uint8Array(0), { timeout: 1_000 }).then(
    () => true,
    (err: { code?: string }) => err.code !== ErrorCode.NoResponders,
  )
  if (answers) {
    for (let n = 0; n < 100; n++) {
      await raw.request(dumpSubject, f.bytes(), { timeout: 1_000 }).catch(() => undefined)
      count('dump')
    }
  }
  for (let n = 0; n < 50; n++) {
    raw.publish(`pb.v1.tail.checkout.r-${f.int(1e6)}.one`, f.bytes())
    count('tail')
  }
  await raw.flush()

  // Still alive and applying changes, nothing thrown into the host, no internal error in the control plane.
  const final = await client.setRule({
    rule: { selector: { service: 'checkout', logger: 'pay' }, level: 'info' },
    waitMs: 5_000,
  })
  assert.equal(final?.rollout?.complete, true)
  assert.deepEqual([...(final?.rollout?.applied ?? [])].sort(), ['one', 'two'])
  assert.deepEqual(failures, [])
  assert.deepEqual(
    warnings.filter((w) => /internal error/i.test(w)),
    [],
  )
  const reasons = (r: Record<string, number>) =>
    Object.entries(r)
      .filter(([, v]) => v > 0)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')
  console.log(
    [
      `fuzz (seed ${SEED}): tried ${Object.entries(tried)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}${answers ? '' : ' (dump: no responder in the SDK yet, not sent)'}`,
      `  KV: ${expectedRefusals} values refused by each instance (acked as refused; last: ${JSON.stringify(fleet[0]!.pb.status().rejected.lastReason?.slice(0, 100))})`,
      `  registry: ${registryRefusals} heartbeats/acks refused (last: ${JSON.stringify(stats.lastRejection?.slice(0, 100))})`,
      `  histograms refused: ${reasons(stats.histograms.rejectedByReason)}`,
      `  counters/gauges refused: ${reasons(stats.scalars.rejectedByReason)}`,
    ].join('\n'),
  )
})

test('fuzz - a heartbeat cut short inside its last string is refused, not read with the string clipped', async (t) => {
  const nats = await startTestNats(t)
  const cp = await startControlPlane({ nats: nats.url, grpc: '127.0.0.1:0' })
  t.after(() => cp.close())
  const raw = await connect({ servers: nats.url })
  t.after(() => raw.close())
  const identity = { service: 'fuzzsvc', instance: 'fz' }
  const whole = codecs.heartbeat.encode({ identity })
  // The identity is the only field and "fz" its last: claim 100 bytes for that string.
  const cut = Uint8Array.from(whole)
  const at = Buffer.from(cut).indexOf(Buffer.from([0x12, 0x02, 0x66, 0x7a]))
  assert.ok(at > 0)
  cut[at + 1] = 100
  assert.throws(() => codecs.heartbeat.decode(cut), /index out of range/)
  const before = cp.stats().rejected
  raw.publish('pb.v1.hb.fuzzsvc.fz', cut)
  await raw.flush()
  await eventually(() => cp.stats().rejected > before, 2_000, 'the cut heartbeat refused')
})
