import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { type TestContext, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { ScalarWindowMessage } from '@prodbench/proto'
import { startControlPlane } from '../control-plane/src/index.js'
import { eventually, startInstance } from './helpers/fleet.js'
import { controlPlaneClient } from './helpers/grpc.js'
import { startTestNats } from './helpers/nats-server.js'

const CTL = fileURLToPath(new URL('../control-plane/bin/ctl.js', import.meta.url))

async function fleet(t: TestContext, ids: string[]) {
  const nats = await startTestNats(t)
  const cp = await startControlPlane({ nats: nats.url, grpc: '127.0.0.1:0' })
  t.after(() => cp.close())
  const client = controlPlaneClient(cp.grpcAddress, t)
  const instances = ids.map((id) => startInstance({ service: 'checkout', instance: id, nats: nats.url }, t))
  await Promise.all(instances.map((i) => i.pb.ready()))
  await eventually(async () => (await client.listInstances({ service: 'checkout' }))?.instances?.length === ids.length)
  return { cp, client, instances }
}

async function capture(client: ReturnType<typeof controlPlaneClient>, metric: string) {
  const res = await client.setRule({
    rule: { selector: { service: 'checkout' }, capture: { metric, intervalMs: 1_000 }, ttlMs: 60_000 },
    waitMs: 5_000,
  })
  assert.equal(res?.rollout?.complete, true, JSON.stringify(res?.rollout))
  return res?.rules?.[0]?.id as string
}

/** Collects the windows of a WatchMetrics stream until `done` says so. */
async function watch(
  client: ReturnType<typeof controlPlaneClient>,
  t: TestContext,
  captureId: string,
  done: (windows: ScalarWindowMessage[]) => boolean,
): Promise<ScalarWindowMessage[]> {
  const windows: ScalarWindowMessage[] = []
  const stream = client.watchMetrics({ service: 'checkout', captureId })
  t.after(() => stream.cancel())
  stream.on('data', (w: ScalarWindowMessage) => windows.push(w))
  stream.on('error', () => {})
  await eventually(() => done(windows), 8_000, 'windows')
  stream.cancel()
  return windows
}

test('counters - the merged rate across three instances equals the sum of what they added per interval', async (t) => {
  const { client, instances } = await fleet(t, ['a', 'b', 'c'])
  const counters = instances.map((i) => i.pb.counter('orders.placed', { labels: ['payment'] }))
  const id = await capture(client, 'orders.**')
  // Add once the capture runs, all in the same instant: they share one window.
  for (const [n, c] of counters.entries()) c.add(10 * (n + 1), { payment: 'authorized' })
  const series = (w: ScalarWindowMessage) =>
    w.series?.find((s) => s.metric === 'orders.placed' && s.labels?.payment === 'authorized')
  const windows = await watch(client, t, id, (ws) => ws.some((w) => (series(w)?.sum ?? 0) > 0))
  const window = windows.find((w) => (series(w)?.sum ?? 0) > 0)!
  const merged = series(window)!
  const seconds = ((window.endMs ?? 0) - (window.startMs ?? 0)) / 1_000
  assert.equal(merged.sum, 60)
  assert.equal(merged.rate, 60 / seconds)
  assert.deepEqual(merged.instances?.map((i) => [i.instance, i.delta]).sort(), [
    ['a', 10],
    ['b', 20],
    ['c', 30],
  ])
  assert.deepEqual([...(window.instances ?? [])].sort(), ['a', 'b', 'c'])
})

test('gauges - a throwing callback is counted and skipped, the others merge by sum, min and max', async (t) => {
  const { client, instances } = await fleet(t, ['a', 'b', 'c'])
  const [a, b, c] = instances
  a!.pb.gauge('queue.depth', {
    read: () => {
      throw new Error('queue gone')
    },
  })
  b!.pb.gauge('queue.depth').set(5)
  c!.pb.gauge('queue.depth').set(7)
  const id = await capture(client, 'queue.depth')
  const windows = await watch(client, t, id, (ws) => ws.some((w) => w.instances?.length === 3))
  const window = windows.find((w) => w.instances?.length === 3)!
  const depth = window.series?.find((s) => s.metric === 'queue.depth')
  assert.equal(depth?.sum, 12)
  assert.equal(depth?.min, 5)
  assert.equal(depth?.max, 7)
  assert.deepEqual(window.instances?.includes('a'), true, 'a still sent its snapshot')
  await eventually(
    async () => {
      const listed = await client.listMetrics({ service: 'checkout' })
      const mine = listed?.instances?.find((i) => i.instance === 'a')
      return (mine?.metrics?.find((m) => m.name === 'prodbench.sdk.bad_metric_values')?.value ?? 0) >= 1
    },
    8_000,
    'the bad callback counted in prodbench.sdk.bad_metric_values',
  )
})

test('cardinality - label sets past the limit go to one overflow series and are reported', async (t) => {
  const { client, instances } = await fleet(t, ['a'])
  const counter = instances[0]!.pb.counter('http.requests', { labels: ['path'], maxSeries: 2 })
  for (let i = 0; i < 50; i++) counter.add(1, { path: `/item/${i}` })
  await eventually(
    async () => {
      const listed = await client.listMetrics({ service: 'checkout' })
      const info = listed?.instances?.[0]?.metrics?.find((m) => m.name === 'http.requests')
      return (info?.overflow ?? 0) > 0 && info?.value === 50 && (info?.series ?? 0) <= 3
    },
    8_000,
    'overflow reported with the total kept',
  )
})

test('ctl metrics and ctl watch - list instruments and show counters as rates', async (t) => {
  const { cp, client, instances } = await fleet(t, ['a', 'b'])
  for (const i of instances) {
    const c = i.pb.counter('orders.placed')
    const timer = setInterval(() => c.add(), 20)
    t.after(() => clearInterval(timer))
  }
  const env = { ...process.env, PRODBENCH_SERVER: cp.grpcAddress, NO_COLOR: '1' }
  const metrics = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, [CTL, 'metrics', 'svc=checkout'], { env }, (err, out) =>
      err ? reject(err) : resolve(out),
    ),
  )
  assert.match(metrics, /orders\.placed\s+counter/)
  await capture(client, 'orders.**')
  const output = await new Promise<string>((resolve) => {
    const child = execFile(process.execPath, [CTL, 'watch', 'svc=checkout', 'metric=orders.**'], { env }, (_e, out) =>
      resolve(out),
    )
    setTimeout(() => child.kill('SIGINT'), 3_500)
  })
  assert.match(output, /orders\.placed\s+[\d.]+\/s/)
})
