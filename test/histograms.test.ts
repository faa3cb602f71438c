import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type TestContext, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { codecs, type HistogramWindowMessage } from '@prodbench/proto'
import { decodeHdr } from '@prodbench/sdk/metrics'
import { build, HistogramLogReader } from 'hdr-histogram-js'
import { connect } from 'nats'
import { startControlPlane } from '../control-plane/src/index.js'
import { eventually, startInstance } from './helpers/fleet.js'
import { controlPlaneClient } from './helpers/grpc.js'
import { startTestNats } from './helpers/nats-server.js'
import { mulberry32 } from './helpers/random.js'

const METRIC = 'http.server.duration'
const CTL = fileURLToPath(new URL('../control-plane/bin/ctl.js', import.meta.url))
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function fleet(t: TestContext, ids: string[]) {
  const nats = await startTestNats(t)
  const cp = await startControlPlane({ nats: nats.url, grpc: '127.0.0.1:0' })
  t.after(() => cp.close())
  const client = controlPlaneClient(cp.grpcAddress, t)
  const instances = ids.map((id) => startInstance({ service: 'checkout', instance: id, nats: nats.url }, t))
  await Promise.all(instances.map((i) => i.pb.ready()))
  await eventually(async () => (await client.listInstances({ service: 'checkout' }))?.instances?.length === ids.length)
  return { nats, cp, client, instances }
}

async function startCapture(client: ReturnType<typeof controlPlaneClient>, ttlMs = 60_000) {
  const res = await client.setRule({
    rule: { selector: { service: 'checkout' }, capture: { metric: METRIC, intervalMs: 1_000 }, ttlMs },
    waitMs: 5_000,
  })
  assert.equal(res?.rollout?.complete, true, JSON.stringify(res?.rollout))
  const id = res?.rules?.[0]?.id
  assert.ok(id)
  return { id, expiresAt: res?.rules?.[0]?.expiresAt ?? 0 }
}

test('capture - the merged histogram of three instances equals the histogram of the union of their values', async (t) => {
  const { client, instances } = await fleet(t, ['a', 'b', 'c'])
  const histograms = instances.map((i) => i.pb.histogram(METRIC, { unit: 'us' }))
  await startCapture(client)
  const union = build({ useWebAssembly: false, bitBucketSize: 64, numberOfSignificantValueDigits: 3 })
  const next = mulberry32(42)
  histograms.forEach((h, n) => {
    for (let i = 0; i < 2_000; i++) {
      const v = Math.round(50 + next() ** 3 * 200_000 * (n + 1))
      h.record(v)
      union.recordValue(v)
    }
  })
  // The values land in one or two windows; wait until both have closed.
  await sleep(2_600)
  const res = await client.getHistogram({ service: 'checkout', metric: METRIC, windows: 6, perInstance: true })
  const merged = res?.merged
  assert.equal(merged?.count, 6_000)
  assert.deepEqual([...(merged?.instances ?? [])].sort(), ['a', 'b', 'c'])
  const decoded = decodeHdr(merged?.hdr as Uint8Array)
  assert.equal(decoded.totalCount, 6_000)
  for (const q of [50, 90, 99, 99.9]) {
    assert.equal(decoded.getValueAtPercentile(q), union.getValueAtPercentile(q), `p${q}`)
  }
  const p99 = merged?.percentiles?.find((p) => p.quantile === 0.99)?.value
  assert.equal(p99, union.getValueAtPercentile(99))
  assert.deepEqual(res?.instances?.map((w) => [w.instance, w.count]).sort(), [
    ['a', 2_000],
    ['b', 2_000],
    ['c', 2_000],
  ])
})

test('capture - stops at its TTL with the control plane down', async (t) => {
  const { nats, cp, client, instances } = await fleet(t, ['a'])
  const h = instances[0]!.pb.histogram(METRIC)
  const recording = setInterval(() => h.record(1_000), 20)
  t.after(() => clearInterval(recording))
  const nc = await connect({ servers: nats.url })
  t.after(() => nc.close())
  const ends: number[] = []
  nc.subscribe('pb.v1.hist.>', {
    callback: (_err, msg) => ends.push(codecs.histogramSnapshot.decode(msg.data).endMs ?? 0),
  })
  await nc.flush()
  const { expiresAt } = await startCapture(client, 3_000)
  await eventually(() => ends.length > 0, 4_000, 'a first snapshot')
  client.close()
  await cp.close()
  await sleep(Math.max(0, expiresAt - Date.now()) + 2_200)
  assert.ok(ends.length > 0)
  assert.deepEqual(
    ends.filter((end) => end > expiresAt),
    [],
    'no window after the expiry',
  )
  assert.deepEqual(instances[0]!.pb.status().captures, [])
})

test('watch - keeps streaming when an instance leaves and another joins, ends with the capture', async (t) => {
  const { nats, client, instances } = await fleet(t, ['a', 'b'])
  for (const i of instances) {
    const h = i.pb.histogram(METRIC)
    const timer = setInterval(() => h.record(500), 20)
    t.after(() => clearInterval(timer))
  }
  const { id } = await startCapture(client)
  const windows: HistogramWindowMessage[] = []
  const stream = client.watchHistogram({ service: 'checkout', metric: METRIC, captureId: id })
  const ended = new Promise<string>((resolve) => {
    stream.on('data', (w: HistogramWindowMessage) => windows.push(w))
    stream.on('error', (err: Error) => resolve(`error: ${err.message}`))
    stream.on('end', () => resolve('end'))
  })
  const seen = (id: string) => windows.some((w) => !w.instance && w.instances?.includes(id))
  await eventually(() => seen('a') && seen('b'), 5_000, 'windows from a and b')

  await instances[1]!.pb.close()
  const late = startInstance({ service: 'checkout', instance: 'late', nats: nats.url }, t)
  const h = late.pb.histogram(METRIC)
  const timer = setInterval(() => h.record(700), 20)
  t.after(() => clearInterval(timer))
  await eventually(() => windows.some((w) => !w.instance && w.instances?.includes('late')), 8_000, 'late joins')
  const last = windows.filter((w) => !w.instance).at(-1)
  assert.deepEqual([...(last?.instances ?? [])].sort(), ['a', 'late'], 'b is gone, late is in')
  assert.ok((last?.count ?? 0) > 0)
  const ends = windows.filter((w) => !w.instance).map((w) => w.endMs ?? 0)
  assert.deepEqual(
    ends,
    [...ends].sort((x, y) => x - y),
    'windows in order',
  )

  await client.removeRules({ service: 'checkout', ruleIds: [id] })
  assert.equal(await Promise.race([ended, sleep(5_000).then(() => 'still open')]), 'end')
})

test('ctl hist watch --hlog - the file reads back with HistogramLogReader, merged equal to the sum of instances', async (t) => {
  const { cp, client, instances } = await fleet(t, ['a', 'b'])
  for (const [n, i] of instances.entries()) {
    const h = i.pb.histogram(METRIC)
    const timer = setInterval(() => h.record(300 * (n + 1)), 10)
    t.after(() => clearInterval(timer))
  }
  await startCapture(client)
  const dir = await mkdtemp(join(tmpdir(), 'prodbench-hlog-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  const file = join(dir, 'checkout.hlog')
  const child = spawn(process.execPath, [CTL, 'hist', 'watch', 'svc=checkout', `metric=${METRIC}`, '--hlog', file], {
    env: { ...process.env, PRODBENCH_SERVER: cp.grpcAddress, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk) => {
    output += chunk
  })
  child.stderr.on('data', (chunk) => {
    output += chunk
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  await sleep(4_500)
  child.kill('SIGINT')
  assert.equal(await exited, 0, output)

  const text = await readFile(file, 'utf8')
  const reader = new HistogramLogReader(text)
  const merged = new Map<number, number>()
  const perInstance = new Map<number, number>()
  const tags = new Set<string>()
  for (let h = reader.nextIntervalHistogram(); h; h = reader.nextIntervalHistogram()) {
    // Start and length are written in seconds with 3 decimals: round off the float noise.
    const end = Math.round(h.endTimeStampMsec)
    if (h.tag && h.tag !== 'NO TAG') {
      tags.add(h.tag)
      perInstance.set(end, (perInstance.get(end) ?? 0) + h.totalCount)
    } else {
      merged.set(end, (merged.get(end) ?? 0) + h.totalCount)
    }
  }
  assert.deepEqual([...tags].sort(), ['a', 'b'])
  assert.ok(merged.size >= 2, `at least two windows in the file:\n${output}`)
  for (const [end, count] of merged) {
    assert.ok(count > 0)
    assert.equal(perInstance.get(end), count, `window ending ${end}: merged = a + b\n${text}`)
  }
})
