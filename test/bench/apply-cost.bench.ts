/**
 * Apply cost: where the CPU of one set-level goes, per instance. N SDK
 * instances and the control plane share this process (no worker processes),
 * so one CPU profile covers both sides of a change: the instances receiving,
 * validating and applying it and sending their acks, and the control plane
 * taking the acks in. Next to it, in the same process, the apply floor: N
 * bare watchers doing only the decode, validation and resolve every SDK must
 * do, and a minimal ack. The scale suite's latencies at 1,000 instances on
 * 2 cores are this CPU, times N, shared by the cores.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { Session } from 'node:inspector/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { startControlPlane, startNatsServer } from '@prodbench/control-plane'
import { codecs } from '@prodbench/proto'
import { init, type Prodbench } from '@prodbench/sdk'
import { connect, type KvEntry, type NatsConnection } from 'nats'
import { ByteSink } from './byte-sink.js'
import { BenchControlClient } from './control-plane-client.js'
import { dbLevelState, minimalAck, watchKey } from './floors.js'
import { median } from './stats.js'
import { fmt, type Table } from './table.js'

const SERVICE = 'cost'
const WARMUP = 5
const PAUSE_MS = 100
const SAMPLING_US = 100

/** A V8 CPU profile, as far as the buckets read it. */
interface Profile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string }; children?: number[] }>
  samples: number[]
  timeDeltas: number[]
}

type Frame = { readonly fn: string; readonly url: string }

/**
 * The parts of a change, first match wins, judged on a sample's whole stack
 * (root to leaf). The SDK parts are what runs under the SDK's handler of a
 * new desired state; "SDK, rest" is every other SDK frame (timers, the NATS
 * link's own work).
 */
const PARTS: ReadonlyArray<readonly [string, (stack: readonly Frame[]) => boolean]> = [
  ['garbage collection', (s) => s.at(-1)?.fn === '(garbage collector)'],
  ['SDK: decode + zod validation of the state', (s) => s.some((f) => f.fn === '#parse')],
  ['SDK: resolve() for this instance', (s) => s.some((f) => f.fn === 'resolve' && f.url.includes('core/resolve'))],
  [
    'SDK: set the loggers (prodbench + pino setLevel)',
    (s) => s.some((f) => f.fn === '#onState') && s.some((f) => /logger-registry|log-engine|pino/.test(f.url)),
  ],
  ['SDK: build + encode the ack', (s) => s.some((f) => f.fn === 'ack' && f.url.includes('reporter'))],
  ['SDK: rest of applying (captures, checks, timers...)', (s) => s.some((f) => f.fn === '#onState')],
  ['socket writes (acks, the NATS client flushing)', (s) => s.some((f) => f.fn === 'flushPending')],
  ['control plane: registry + rollout', (s) => s.some((f) => /control-plane\/src\/(registry|rollout)/.test(f.url))],
  ['control plane: rest (gRPC, KV, NATS link)', (s) => s.some((f) => /control-plane\/src|grpc-js/.test(f.url))],
  ['SDK: rest (NATS link, heartbeats, timers)', (s) => s.some((f) => f.url.includes('sdk/src'))],
  ['NATS client: receiving, JetStream, KV', (s) => s.some((f) => /node_modules\/nats\//.test(f.url))],
  ['Node (streams, timers, microtasks) and V8', () => true],
]

/** Busy time per part (µs), idle left out. */
function partsOf(profile: Profile): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const partOfNode = new Map<number, string | undefined>()
  const out = new Map<string, number>(PARTS.map(([name]) => [name, 0]))
  profile.samples.forEach((id, i) => {
    if (!partOfNode.has(id)) {
      const stack: Frame[] = []
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const frame = byId.get(at)?.callFrame
        if (frame) stack.unshift({ fn: frame.functionName, url: frame.url })
      }
      const leaf = stack.at(-1)?.fn
      const idle = leaf === '(idle)' || leaf === '(root)'
      partOfNode.set(id, idle ? undefined : PARTS.find(([, matches]) => matches(stack))?.[0])
    }
    const part = partOfNode.get(id)
    if (part) out.set(part, (out.get(part) ?? 0) + (profile.timeDeltas[i] ?? 0))
  })
  return out
}

/** Runs `rounds` changes (after the warm-up), each awaited by `change`; CPU µs of this process per round and wall ms. */
async function cpuPerRound(
  rounds: number,
  change: (round: number) => Promise<void>,
  profile?: Session,
): Promise<{ cpuUs: number; wallMs: number; profile?: Profile }> {
  const cpu: number[] = []
  const wall: number[] = []
  for (let round = 0; round < WARMUP + rounds; round++) {
    if (round === WARMUP && profile) await profile.post('Profiler.start')
    const before = process.cpuUsage()
    const started = performance.now()
    await change(round)
    const used = process.cpuUsage(before)
    if (round >= WARMUP) {
      cpu.push(used.user + used.system)
      wall.push(performance.now() - started)
    }
    await sleep(PAUSE_MS)
  }
  const taken = profile ? ((await profile.post('Profiler.stop')).profile as unknown as Profile) : undefined
  return { cpuUs: median(cpu), wallMs: median(wall), ...(taken ? { profile: taken } : {}) }
}

/** The apply-cost suite. */
export async function applyCostBench({ quick }: { quick: boolean }): Promise<Table> {
  const n = quick ? 50 : 200
  const rounds = quick ? 10 : 40
  const storeDir = await mkdtemp(join(tmpdir(), 'prodbench-cost-'))
  const closers: Array<() => Promise<unknown> | unknown> = []
  const session = new Session()
  session.connect()
  closers.push(() => session.disconnect())
  try {
    const nats = await startNatsServer({ port: 0, storeDir })
    closers.push(() => nats.stop())

    // The apply floor, in this process.
    const nc = await connect({ servers: nats.url, name: 'bench' })
    closers.push(() => nc.close())
    const kv = await nc.jetstream().views.kv('bench_cost_floor', { history: 1 })
    const watchers: NatsConnection[] = await Promise.all(
      Array.from({ length: n }, () => connect({ servers: nats.url })),
    )
    const startedAt = Date.now()
    await watchKey(watchers, 'bench_cost_floor', SERVICE, (watcher, index, entry) => {
      if (entry.operation === 'PUT')
        watcher.publish('bench.cost.ack', minimalAck(SERVICE, `f-${index}`, startedAt, entry))
    })
    let acked = 0
    let allAcked: () => void = () => {}
    nc.subscribe('bench.cost.ack', {
      callback: (_err, msg) => {
        codecs.ack.decode(msg.data)
        if (++acked === n) allAcked()
      },
    })
    await nc.flush()
    const floor = await cpuPerRound(rounds, async (round) => {
      acked = 0
      const done = new Promise<void>((resolve) => (allAcked = resolve))
      await kv.put(SERVICE, dbLevelState(SERVICE, round))
      await done
    })
    await Promise.all(watchers.map((w) => w.close()))

    // The SDK instances and the control plane, in this process.
    const cp = await startControlPlane({ nats: nats.url, grpc: '127.0.0.1:0' })
    closers.push(() => cp.close())
    const client = new BenchControlClient(cp.grpcAddress)
    closers.push(() => client.close())
    const sink = new ByteSink()
    const instances: Prodbench[] = Array.from({ length: n }, (_, i) => {
      const pb = init({
        service: SERVICE,
        instance: `c-${i}`,
        nats: nats.url,
        destination: sink,
        heartbeatIntervalMs: 5_000,
      })
      pb.logger('db')
      return pb
    })
    closers.push(() => Promise.all(instances.map((pb) => pb.close())))
    await Promise.all(instances.map((pb) => pb.ready()))
    while (((await client.listInstances(SERVICE)).instances ?? []).length < n) await sleep(100)
    await session.post('Profiler.enable')
    await session.post('Profiler.setSamplingInterval', { interval: SAMPLING_US })
    let incomplete = 0
    const setRule = async (round: number) => {
      const response = await client.setLevel(SERVICE, 'db', round % 2 === 0 ? 'debug' : 'info', 10_000)
      if (!response.rollout?.complete) incomplete++
    }
    const plain = await cpuPerRound(rounds, setRule)
    const profiled = await cpuPerRound(rounds, setRule, session)
    const parts = partsOf(profiled.profile as Profile)
    const busy = [...parts.values()].reduce((a, b) => a + b, 0)

    // The floor's work on one value in a tight loop: what each call costs warm.
    const entry = { value: dbLevelState(SERVICE, 0), revision: 7 } as KvEntry
    for (let i = 0; i < 2_000; i++) minimalAck(SERVICE, 'warm', startedAt, entry)
    const loop = 20_000
    const warmStart = process.cpuUsage()
    for (let i = 0; i < loop; i++) minimalAck(SERVICE, 'warm', startedAt, entry)
    const warm = process.cpuUsage(warmStart)

    const perInstance = (us: number) => fmt(us / n, 1)
    const rows = [
      [
        "the floor's decode, validate, resolve, encode, in a tight loop (warm)",
        fmt((warm.user + warm.system) / loop, 1),
        '',
        '',
      ],
      [
        'apply floor: decode, validate, resolve, minimal ack (+ its decode)',
        perInstance(floor.cpuUs),
        '1.00',
        fmt(floor.wallMs, 1),
      ],
      [
        'SetRule: SDK instances + control plane',
        perInstance(plain.cpuUs),
        fmt(plain.cpuUs / floor.cpuUs, 2),
        fmt(plain.wallMs, 1),
      ],
      ['  the same, profiled: main thread busy, by part', perInstance(busy / rounds), '', fmt(profiled.wallMs, 1)],
      ...[...parts]
        .filter(([, us]) => us > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([part, us]) => [`    ${part}`, perInstance(us / rounds), '', `${fmt((us / busy) * 100, 0)} %`]),
    ]
    return {
      title: `apply cost: CPU per instance of one set-level, ${n} SDK instances and the control plane in one process`,
      columns: ['what', 'CPU µs / instance', 'ratio to floor', 'wall ms (p50) / share'],
      rows,
      notes: [
        `${n} instances (each its own NATS connection and KV watch, logger db, heartbeat every 5 s) and the control plane in this process, nats-server beside it; logger db alternating debug/info; ${WARMUP} warm-up rounds, then ${rounds}, ${PAUSE_MS} ms apart, ${incomplete} incomplete.`,
        "CPU: process.cpuUsage of this process per round (all its threads: GC helpers, libuv), median round, / N; nats-server not included. The apply floor is the same measure of N bare watchers in this process (the scale suite's apply floor, without worker processes).",
        `parts: the V8 CPU profile (sampling every ${SAMPLING_US} µs) of the main thread over a second set of ${rounds} rounds, each sample given to the first part its stack matches (test/bench/apply-cost.bench.ts lists the rules); the profiler itself slows the rounds.`,
        `The floor's own work costs ${fmt((warm.user + warm.system) / loop, 1)} µs in a tight loop (first row) and ${fmt(floor.cpuUs / n / ((warm.user + warm.system) / loop), 1)}× that per instance in the rounds, its socket read and write included: ${n} instances apply one after the other, each with its own connection and objects, so each runs cold.`,
      ],
    }
  } finally {
    for (const close of closers.reverse()) await Promise.resolve(close()).catch(() => {})
    await rm(storeDir, { recursive: true, force: true })
  }
}
