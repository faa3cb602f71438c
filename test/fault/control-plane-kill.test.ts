import assert from 'node:assert/strict'
import { test } from 'node:test'
import { codecs } from '@prodbench/proto'
import { subjects } from '@prodbench/sdk/core'
import { connect } from 'nats'
import { eventually, startInstance } from '../helpers/fleet.js'
import { controlPlaneClient } from '../helpers/grpc.js'
import { startTestNats } from '../helpers/nats-server.js'
import { runCtl, startControlPlaneProcess } from './control-plane-process.js'

const LOGGERS = ['l0', 'l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l7']
const UNAVAILABLE = 14

test('control plane SIGKILL mid-change - no rule lost or duplicated, ctl in flight exits 3, TTLs revert meanwhile', async (t) => {
  const nats = await startTestNats(t)
  const first = await startControlPlaneProcess(t, ['--nats', nats.url])
  const client = controlPlaneClient(first.grpcAddress)
  t.after(() => client.close())
  const fleet = ['a', 'b'].map((id) => startInstance({ service: 'checkout', instance: id, nats: nats.url }, t))
  await Promise.all(fleet.map((i) => i.pb.ready()))

  // A live instance that never acks: every change waits for it, so the kill lands while changes are in flight.
  const stuck = await connect({ servers: nats.url })
  t.after(() => stuck.close())
  const identity = { service: 'checkout', instance: 'stuck', host: 'test', pid: 1, startedAt: 1 }
  const beat = (leaving = false) =>
    stuck.publish(
      subjects.heartbeat('checkout', 'stuck'),
      codecs.heartbeat.encode({ identity, applied: { revision: 0 }, intervalMs: 500, leaving, at: Date.now() }),
    )
  const beating = setInterval(beat, 300)
  t.after(() => clearInterval(beating))
  await eventually(async () => (await client.listInstances({ service: 'checkout' }))?.instances?.length === 3)

  const ttl = await client.setRule({
    rule: { selector: { service: 'checkout', logger: 'ttl' }, level: 'debug', ttlMs: 4_000 },
    waitMs: 1,
  })
  const ttlExpiresAt = Number(ttl?.rules?.[0]?.expiresAt ?? 0)
  await eventually(() => fleet.every((i) => i.pb.logger('ttl').level === 'debug'), 3_000, 'the TTL rule applied')

  // In flight at the kill: ctl waiting for acks, and eight gRPC changes at once.
  const ctl = runCtl(first.grpcAddress, ['set-level', 'svc=checkout', 'debug', 'logger=db', '--wait', '20s'])
  const inFlight = LOGGERS.map((logger) =>
    client.setRule({ rule: { selector: { service: 'checkout', logger }, level: 'trace' }, waitMs: 20_000 }).then(
      () => 'ok',
      (err: { code?: number }) => err.code,
    ),
  )
  await eventually(() => fleet.every((i) => i.pb.logger('db').level === 'debug'), 10_000, 'ctl change written')
  // What the instances applied was written to KV: it must all be there after the restart.
  const appliedBeforeKill = LOGGERS.filter((l) => fleet.every((i) => i.pb.logger(l).level === 'trace'))
  await first.kill()

  const [run, outcomes] = await Promise.all([ctl.done, Promise.all(inFlight)])
  assert.equal(run.code, 3, `ctl exit code\n${run.stdout}${run.stderr}`)
  assert.match(run.stderr, /control plane at 127\.0\.0\.1:\d+/, 'the message names the server')
  assert.deepEqual(
    outcomes.filter((o) => o !== UNAVAILABLE),
    [],
    'every gRPC change in flight failed with UNAVAILABLE',
  )

  // With no control plane, the TTL still reverts on each instance, on time.
  await eventually(() => fleet.every((i) => i.pb.logger('ttl').level === 'info'), 6_000, 'the TTL reverted')
  assert.ok(Date.now() >= ttlExpiresAt)

  const second = await startControlPlaneProcess(t, ['--nats', nats.url])
  const again = controlPlaneClient(second.grpcAddress, t)
  const selectors = async () =>
    ((await again.listRules({ service: 'checkout' }))?.rules ?? []).map((r) => r.selector?.logger ?? '')
  const afterRestart = await selectors()
  assert.equal(afterRestart.filter((l) => l === 'db').length, 1, 'the change ctl made is kept, once')
  assert.equal(new Set(afterRestart).size, afterRestart.length, `no selector twice: ${afterRestart}`)
  assert.ok(!afterRestart.includes('ttl'), 'the expired rule is not listed')
  const written = LOGGERS.filter((l) => afterRestart.includes(l))
  for (const logger of appliedBeforeKill) assert.ok(written.includes(logger), `${logger} was applied, so kept`)

  // Retrying what failed, as an operator would, leaves exactly one rule per selector.
  clearInterval(beating)
  beat(true)
  for (const logger of LOGGERS) {
    await again.setRule({ rule: { selector: { service: 'checkout', logger }, level: 'trace' }, waitMs: 5_000 })
  }
  const final = await selectors()
  assert.deepEqual([...final].sort(), ['db', ...LOGGERS].sort())
  const last = await again.setRule({
    rule: { selector: { service: 'checkout', logger: 'after' }, level: 'warn' },
    waitMs: 5_000,
  })
  assert.equal(last?.rollout?.complete, true, JSON.stringify(last?.rollout))
  assert.deepEqual([...(last?.rollout?.applied ?? [])].sort(), ['a', 'b'])
  console.log(
    `control plane SIGKILL: ctl exit ${run.code}: ${run.stderr.trim()}; ` +
      `${written.length}/${LOGGERS.length} in-flight gRPC changes had been written before the kill ` +
      `(${appliedBeforeKill.length} applied by the instances), all ${LOGGERS.length} answered UNAVAILABLE`,
  )
})
