/**
 * Scale: a fleet of N = 1,000 real SDK instances (each its own NATS
 * connection and KV watch) in 4 worker processes, one control plane in this
 * process. Measures: the control plane idle with the fleet registered (CPU,
 * memory), set-level → every ack (p50/p99), and 1,000 instances each
 * streaming one captured histogram per second (control-plane CPU and memory,
 * delay from a window's end to its merged view on a WatchHistogram stream).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { credentials, Metadata } from '@grpc/grpc-js'
import { startControlPlane, startNatsServer } from '@prodbench/control-plane'
import { type ControlPlaneClient, codecs, grpcPackage, type HistogramWindowMessage } from '@prodbench/proto'
import { connect } from 'nats'
import { measureFanout } from './bare-fanout.js'
import { BenchControlClient } from './control-plane-client.js'
import { dbLevelState } from './floors.js'
import { ScaleFleet } from './scale-fleet.js'
import type { WorkerUsage } from './scale-worker.js'
import { max, median, percentile } from './stats.js'
import { fmt, type Table } from './table.js'

const SERVICE = 'scale'
const WORKERS = 4
const METRIC = 'bench.latency'
const HEARTBEAT_MS = 5_000
const WAIT_MS = 10_000
const WARMUP = 5
const FLOOR_BUCKET = 'bench_scale_floor'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

/** CPU of this process (the control plane's) as % of one core, and its memory after a gc, over `ms`. */
async function measureHere(ms: number): Promise<{ cpu: number; elu: number; heap: number; rss: number }> {
  const cpu = process.cpuUsage()
  const elu = performance.eventLoopUtilization()
  const start = performance.now()
  await sleep(ms)
  const used = process.cpuUsage(cpu)
  const wall = performance.now() - start
  const busy = performance.eventLoopUtilization(elu).utilization
  gc()
  const memory = process.memoryUsage()
  return { cpu: ((used.user + used.system) / 1_000 / wall) * 100, elu: busy, heap: memory.heapUsed, rss: memory.rss }
}

async function waitUntil(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(250)
  }
}

/** SetRule of a 1 s capture of METRIC on the whole service; its id. */
function startCapture(raw: ControlPlaneClient): Promise<string> {
  const metadata = new Metadata()
  metadata.set('x-prodbench-author', 'bench')
  return new Promise((resolve, reject) =>
    raw.setRule(
      {
        rule: { selector: { service: SERVICE }, capture: { metric: METRIC, intervalMs: 1_000 }, ttlMs: 600_000 },
        waitMs: WAIT_MS,
      },
      metadata,
      { deadline: Date.now() + WAIT_MS + 10_000 },
      (err, response) => (err ? reject(err) : resolve(response?.rules?.[0]?.id ?? '')),
    ),
  )
}

const mib = (bytes: number) => fmt(bytes / 1_048_576, 1)

/** The scale suite. */
export async function scaleBench({ quick }: { quick: boolean }): Promise<Table> {
  const n = quick ? 200 : 1_000
  // 100 rounds: with 30, the nearest-rank p99 is the maximum, one stall of this shared machine.
  const rounds = quick ? 8 : 100
  const idleMs = quick ? 4_000 : 15_000
  const captureMs = quick ? 6_000 : 20_000
  const storeDir = await mkdtemp(join(tmpdir(), 'prodbench-scale-'))
  const closers: Array<() => Promise<unknown> | unknown> = []
  const rows: string[][] = []
  const notes: string[] = []
  try {
    const nats = await startNatsServer({ port: 0, storeDir })
    closers.push(() => nats.stop())
    const cp = await startControlPlane({ nats: nats.url, grpc: '127.0.0.1:0' })
    closers.push(() => cp.close())
    const client = new BenchControlClient(cp.grpcAddress)
    closers.push(() => client.close())

    const empty = await measureHere(idleMs)
    rows.push(['control plane idle, 0 instances', fmt(empty.cpu, 1), mib(empty.heap), mib(empty.rss), '', ''])

    const fleet = await ScaleFleet.start(WORKERS)
    closers.push(() => fleet.close())
    const share = (k: number) => Math.floor(n / WORKERS) + (k < n % WORKERS ? 1 : 0)

    // The floor: one KV put seen by N bare watchers (as the SDK watches), each echoing it at once.
    const nc = await connect({ servers: nats.url, name: 'bench' })
    closers.push(() => nc.close())
    const floorKv = await nc.jetstream().views.kv(FLOOR_BUCKET, { history: 1 })
    await fleet.all(
      (k) => ({ type: 'kv-echo', url: nats.url, count: share(k), bucket: FLOOR_BUCKET, key: 'k', reply: 'bench.kv' }),
      120_000,
    )
    const floor = await measureFanout(nc, {
      reply: 'bench.kv',
      expected: n,
      rounds,
      warmup: WARMUP,
      pauseMs: 100,
      timeoutMs: 20_000,
      trigger: (payload) => floorKv.put('k', payload),
    })
    await fleet.all(() => ({ type: 'stop' }), 60_000)

    // The floor of any SDK design: the same watchers also decode, validate and resolve the
    // desired state and send a minimal ack, as every instance must; no loggers, no control plane.
    await fleet.all(
      (k) => ({
        type: 'kv-apply',
        url: nats.url,
        count: share(k),
        bucket: FLOOR_BUCKET,
        key: SERVICE,
        reply: 'bench.ack',
      }),
      120_000,
    )
    const applyFloor = await measureFanout(nc, {
      reply: 'bench.ack',
      expected: n,
      rounds,
      warmup: WARMUP,
      pauseMs: 100,
      timeoutMs: 20_000,
      trigger: (payload) => floorKv.put(SERVICE, dbLevelState(SERVICE, new DataView(payload.buffer).getUint32(0))),
      echoes: { keyOf: (data) => codecs.ack.decode(data).revision, keyAfter: (revision) => revision as number },
    })
    await fleet.all(() => ({ type: 'stop' }), 60_000)

    const started = performance.now()
    await fleet.all(
      (k) => ({
        type: 'start',
        url: nats.url,
        service: SERVICE,
        prefix: `w${k}`,
        count: share(k),
        heartbeatIntervalMs: HEARTBEAT_MS,
      }),
      180_000,
    )
    await waitUntil(`${n} instances in ListInstances`, 60_000, async () => {
      const { instances } = await client.listInstances(SERVICE)
      return (instances ?? []).length === n
    })
    const registerS = (performance.now() - started) / 1_000
    await sleep(2_000) // let the connect storm settle
    const idle = await measureHere(idleMs)
    rows.push([
      `control plane idle, ${n} instances registered (heartbeat every ${HEARTBEAT_MS / 1_000} s)`,
      fmt(idle.cpu, 1),
      mib(idle.heap),
      mib(idle.rss),
      fmt(((idle.heap - empty.heap) / n / 1_024) * 1, 1),
      '',
    ])
    await fleet.all(() => ({ type: 'usage' }), 10_000)
    await sleep(idleMs)
    const workerIdle = await fleet.all<WorkerUsage>(() => ({ type: 'usage' }), 10_000)

    // set-level → every ack.
    const clientMs: number[] = []
    const serverMs: number[] = []
    let incomplete = 0
    const elu = performance.eventLoopUtilization()
    for (let round = 0; round < WARMUP + rounds; round++) {
      const start = performance.now()
      const response = await client.setLevel(SERVICE, 'db', round % 2 === 0 ? 'debug' : 'info', WAIT_MS)
      const elapsed = performance.now() - start
      const rollout = response.rollout
      if (round < WARMUP) continue
      if (rollout?.complete && (rollout.applied ?? []).length === n) {
        clientMs.push(elapsed)
        serverMs.push(rollout.elapsedMs ?? 0)
      } else incomplete++
      await sleep(100)
    }
    const setRuleBusy = performance.eventLoopUtilization(elu).utilization

    // 1,000 instances × one captured histogram per second.
    await fleet.all(() => ({ type: 'record', metric: METRIC, everyMs: 100, values: 10 }), 30_000)
    const raw = new grpcPackage.prodbench.v1.ControlPlane(
      cp.grpcAddress,
      credentials.createInsecure(),
    ) as ControlPlaneClient
    closers.push(() => raw.close())
    const capture = await startCapture(raw)
    const delays: number[] = []
    const sizes: number[] = []
    const stream = raw.watchHistogram({ service: SERVICE, metric: METRIC, captureId: capture })
    stream.on('data', (w: HistogramWindowMessage) => {
      if (w.instance) return
      delays.push(Date.now() - Number(w.endMs ?? 0))
      sizes.push(w.instances?.length ?? 0)
    })
    stream.on('error', () => {})
    closers.push(() => stream.cancel())
    await sleep(4_000) // first windows, JIT
    delays.length = 0
    sizes.length = 0
    const before = cp.stats().histograms
    await fleet.all(() => ({ type: 'usage' }), 10_000)
    const flood = await measureHere(captureMs)
    const workerFlood = await fleet.all<WorkerUsage>(() => ({ type: 'usage' }), 10_000)
    const after = cp.stats().histograms
    stream.cancel()

    const workerCpu = (usages: WorkerUsage[]) =>
      (usages.reduce((sum, u) => sum + u.cpuMicros / 1_000 / u.wallMs, 0) * 100) / n
    rows.push(
      [
        `control plane, ${n} instances × 1 histogram/s captured`,
        fmt(flood.cpu, 1),
        mib(flood.heap),
        mib(flood.rss),
        '',
        'CPU < 50 %',
      ],
      [
        'SetRule → all acks, client ms (p50 / p99 / max)',
        `${fmt(percentile(clientMs, 50))} / ${fmt(percentile(clientMs, 99))} / ${fmt(max(clientMs))}`,
        '',
        '',
        '',
        'p99 ≤ 150 ms',
      ],
      [
        `  bare floor: 1 KV put → ${n} watchers → ${n} replies (p50 / p99 / max)`,
        `${fmt(percentile(floor, 50))} / ${fmt(percentile(floor, 99))} / ${fmt(max(floor))}`,
        '',
        '',
        '',
        `SetRule p50 = ${fmt(percentile(clientMs, 50) / percentile(floor, 50), 2)} × floor`,
      ],
      [
        `  apply floor: 1 KV put → ${n} watchers that decode, validate, resolve → ${n} acks (p50 / p99 / max)`,
        `${fmt(percentile(applyFloor, 50))} / ${fmt(percentile(applyFloor, 99))} / ${fmt(max(applyFloor))}`,
        '',
        '',
        '',
        `SetRule p50 = ${fmt(percentile(clientMs, 50) / percentile(applyFloor, 50), 2)} × apply floor`,
      ],
      [
        '  rollout.elapsedMs (server) (p50 / p99 / max)',
        `${fmt(percentile(serverMs, 50))} / ${fmt(percentile(serverMs, 99))} / ${fmt(max(serverMs))}`,
        '',
        '',
        '',
        '',
      ],
      [
        'window end → merged window on WatchHistogram, ms (p50 / p99 / max)',
        `${fmt(percentile(delays, 50))} / ${fmt(percentile(delays, 99))} / ${fmt(max(delays))}`,
        '',
        '',
        '',
        '',
      ],
    )
    const merged = after.accepted - before.accepted
    notes.push(
      `${n} SDK instances in ${WORKERS} worker processes (each instance its own NATS connection and KV watch), nats-server and the control plane on the same 2 cores; registering all ${n} took ${fmt(registerS, 1)} s.`,
      'CPU % is of one core, of this process (the control plane and the benchmark client), from process.cpuUsage over the period; memory after a full gc.',
      `KiB/instance: (heap with the fleet registered − heap with none) / ${n}.`,
      `apply floor: ${n} connections watch a KV key as the SDK does and, for each value, run the SDK's own decode, zod validation (DesiredState) and resolve(), then publish a minimal ack (identity, revision, config hash) that this process decodes: the work any correct SDK does per change, without loggers to set, status to report, or a control plane collecting the acks.`,
      `SetRule: logger db alternating debug/info, wait_ms ${WAIT_MS}, ${WARMUP} warm-up rounds then ${rounds} (${incomplete} incomplete), 100 ms apart; control plane event loop ${fmt(setRuleBusy * 100, 0)} % busy meanwhile. p99 of ${rounds} rounds is nearest-rank.`,
      `capture: each instance records 100 values/s into ${METRIC} (µs, 1 µs..1 h, 3 digits), capture interval 1 s, over ${captureMs / 1_000} s: ${merged} snapshots merged (${fmt(merged / (captureMs / 1_000), 0)}/s), ${after.late - before.late} late, ${after.lost - before.lost} lost, ${after.rejected - before.rejected} refused; ${delays.length} merged windows seen, instances per window median ${median(sizes)}, min ${Math.min(...sizes)}; control plane event loop ${fmt(flood.elu * 100, 0)} % busy.`,
      `SDK side: the workers used ${fmt(workerCpu(workerIdle), 3)} % of a core per idle instance, ${fmt(workerCpu(workerFlood), 3)} % per instance while recording and streaming (everything in the workers, recording loop included).`,
    )
  } finally {
    for (const close of closers.reverse()) await Promise.resolve(close()).catch(() => {})
    await rm(storeDir, { recursive: true, force: true })
  }
  return {
    title: `scale: ${n.toLocaleString('en-US')} SDK instances in ${WORKERS} worker processes, one control plane`,
    columns: ['what', 'CPU % / ms', 'heap MiB', 'RSS MiB', 'KiB/instance', 'goal'],
    rows,
    notes,
  }
}
