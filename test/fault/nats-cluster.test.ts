import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DESIRED_STATE_BUCKET } from '@prodbench/sdk/core'
import { connect } from 'nats'
import { eventually, startInstance } from '../helpers/fleet.js'
import { controlPlaneClient } from '../helpers/grpc.js'
import { startTestNatsCluster } from '../helpers/nats-cluster.js'
import { startControlPlaneProcess } from './control-plane-process.js'

const METRIC = 'http.server.duration'
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

test('cluster - with one of three nats-servers killed, set-level reaches every instance and the capture keeps producing windows', async (t) => {
  const cluster = await startTestNatsCluster(t)
  const cp = await startControlPlaneProcess(t, ['--nats', cluster.urls.join(','), '--kv-replicas', '3'])
  const client = controlPlaneClient(cp.grpcAddress, t)

  // The bucket the control plane created is replicated on all three nodes.
  const admin = await connect({ servers: cluster.urls })
  t.after(() => admin.close())
  const jsm = await admin.jetstreamManager()
  const stream = `KV_${DESIRED_STATE_BUCKET}`
  const info = await jsm.streams.info(stream)
  assert.equal(info.config.num_replicas, 3)
  assert.equal(info.cluster?.replicas?.length, 2, 'two followers beside the leader')

  // The node to kill carries the control plane's connection and the bucket's stream leader, and one
  // instance is pinned to it: NATS failover and a JetStream leader election both happen.
  let victim = -1
  await eventually(
    async () => {
      for (let i = 0; i < 3; i++) {
        if ((await cluster.clientNames(i)).includes('prodbench-control-plane')) victim = i
      }
      return victim >= 0
    },
    5_000,
    "the control plane's node",
  )
  const victimName = cluster.nodes[victim]?.name
  // Right after a step-down the stream has no leader for a moment and its info request fails.
  const leader = () =>
    jsm.streams.info(stream).then(
      (i) => i.cluster?.leader,
      () => undefined,
    )
  for (let tries = 0; (await leader()) !== victimName && tries < 10; tries++) {
    // 2.9 cannot place a leader: step down until the election lands on the victim (1 in 2 each time).
    const before = await leader()
    await admin.request(`$JS.API.STREAM.LEADER.STEPDOWN.${stream}`, undefined, { timeout: 5_000 }).catch(() => {})
    await eventually(async () => {
      const now = await leader()
      return now !== undefined && now !== before
    }, 15_000)
  }
  const leaderKilled = (await leader()) === victimName
  const ordered = [cluster.urls[victim] as string, ...cluster.urls.filter((_, i) => i !== victim)]
  const fleet = ['a', 'b', 'c'].map((id) =>
    startInstance(
      {
        service: 'checkout',
        instance: id,
        nats: id === 'a' ? { servers: ordered, noRandomize: true } : cluster.urls,
      },
      t,
    ),
  )
  await Promise.all(fleet.map((i) => i.pb.ready()))
  await eventually(async () => (await client.listInstances({ service: 'checkout' }))?.instances?.length === 3)
  assert.ok((await cluster.clientNames(victim)).includes('prodbench-sdk checkout/a'), 'a is on the node to kill')

  for (const i of fleet) {
    const h = i.pb.histogram(METRIC)
    const timer = setInterval(() => h.record(250), 20)
    t.after(() => clearInterval(timer))
  }
  const capture = await client.setRule({
    rule: { selector: { service: 'checkout' }, capture: { metric: METRIC, intervalMs: 1_000 }, ttlMs: 120_000 },
    waitMs: 5_000,
  })
  assert.equal(capture?.rollout?.complete, true, JSON.stringify(capture?.rollout))
  // Every merged window seen (end → instances in it), polled one window at a time.
  const seen = new Map<number, string[]>()
  const windowsAfter = async (since: number) => {
    const res = await client.getHistogram({ service: 'checkout', metric: METRIC, windows: 1 }).catch(() => undefined) // NOT_FOUND until the first window closed
    const merged = res?.merged
    if (merged?.endMs) seen.set(Number(merged.endMs), [...(merged.instances ?? [])])
    return [...seen].filter(([end, instances]) => end > since && instances.length === 3).length
  }
  await eventually(async () => (await windowsAfter(0)) >= 1, 5_000, 'a first window from all three')

  // Changes keep flowing while the node dies: one set-level every 200 ms.
  const tally = { ok: 0, failed: 0, errors: new Set<string>() }
  let flowing = true
  t.after(() => {
    flowing = false
  })
  const flow = (async () => {
    for (let n = 0; flowing; n++) {
      try {
        await client.setRule({
          rule: { selector: { service: 'checkout', logger: 'flow' }, level: n % 2 ? 'debug' : 'info' },
          waitMs: 1_000,
        })
        tally.ok++
      } catch (err) {
        tally.failed++
        tally.errors.add(String((err as { details?: string }).details ?? err))
      }
      await sleep(200)
    }
  })()

  await sleep(600)
  const killedAt = Date.now()
  await cluster.kill(victim)

  // A set-level after the kill is applied by every instance. It may take a JetStream leader election.
  let applied: string[] = []
  let attempts = 0
  await eventually(
    async () => {
      attempts++
      const res = await client
        .setRule({ rule: { selector: { service: 'checkout', logger: 'db' }, level: 'debug' }, waitMs: 3_000 })
        .catch(() => undefined) // UNAVAILABLE while the stream elects a leader
      applied = [...(res?.rollout?.applied ?? [])].sort()
      return res?.rollout?.complete === true && applied.length === 3
    },
    30_000,
    'a set-level applied by all three after the kill',
  )
  const recoveredMs = Date.now() - killedAt
  assert.deepEqual(applied, ['a', 'b', 'c'])
  for (const i of fleet) assert.equal(i.pb.logger('db').level, 'debug', `${i.pb.instance} applied it`)
  assert.ok(fleet[0]!.pb.status().reconnects >= 1, 'a failed over to another node')

  // The capture keeps producing windows with every instance in them.
  const settled = Date.now()
  await eventually(async () => (await windowsAfter(settled)) >= 2, 10_000, 'two whole windows after the kill')
  flowing = false
  await flow
  assert.ok(tally.ok > 0, 'changes went through around the kill')
  console.log(
    `cluster: killed ${victimName} (control plane, instance a${leaderKilled ? ' and the KV stream leader' : ''} on it); ` +
      `set-level applied by 3/3 ${recoveredMs} ms after the kill (${attempts} attempt(s)); ` +
      `background set-levels: ${tally.ok} ok, ${tally.failed} failed${tally.failed ? ` (${[...tally.errors].join('; ')})` : ''}`,
  )
})
