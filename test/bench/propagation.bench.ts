import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { startControlPlane, startNatsServer } from '@prodbench/control-plane'
import { connect, type KV, type NatsConnection } from 'nats'
import { measureFanout } from './bare-fanout.js'
import { BenchControlClient } from './control-plane-client.js'
import { Fleet, shareOf } from './fleet.js'
import { max, percentile } from './stats.js'
import { fmt, type Table } from './table.js'

/** How to run the propagation benchmark. */
export interface PropagationBenchOptions {
  /** Fewer rounds: a smoke run, not numbers to quote. */
  quick: boolean
}

const SERVICE = 'bench'
const WORKERS = 4
const SIZES = [50, 200]
const WAIT_MS = 5_000
const PAUSE_MS = 25
const WARMUP = 5
const FLOOR_BUCKET = 'bench_floor'

type Resource = { close(): Promise<unknown> | undefined }

/** Polls `check` every 100 ms until it returns true; throws after `timeoutMs`. */
async function waitUntil(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(100)
  }
}

interface SizeResult {
  n: number
  publishFloor: number[]
  kvFloor: number[]
  client: number[]
  server: number[]
  incomplete: number
  /** Event-loop utilisation of this process (the control plane's) during the SetRule rounds, 0..1. */
  busy: number
}

/** Both bare floors with N raw connections spread over the fleet's workers, then closes them. */
async function measureFloors(fleet: Fleet, nc: NatsConnection, kv: KV, url: string, n: number, rounds: number) {
  const common = { expected: n, rounds, warmup: WARMUP, pauseMs: PAUSE_MS, timeoutMs: 10_000 }
  await fleet.all(
    (k) => ({ type: 'start-echo', url, count: shareOf(n, fleet.size, k), subject: 'bench.ping', reply: 'bench.pong' }),
    30_000,
  )
  const publishFloor = await measureFanout(nc, {
    ...common,
    reply: 'bench.pong',
    trigger: (payload) => {
      nc.publish('bench.ping', payload)
      return undefined
    },
  })
  await fleet.all(() => ({ type: 'stop' }), 10_000)
  await fleet.all(
    (k) => ({
      type: 'start-kv-echo',
      url,
      count: shareOf(n, fleet.size, k),
      bucket: FLOOR_BUCKET,
      key: 'state',
      reply: 'bench.kv-pong',
    }),
    30_000,
  )
  const kvFloor = await measureFanout(nc, {
    ...common,
    reply: 'bench.kv-pong',
    trigger: (payload) => kv.put('state', payload),
  })
  await fleet.all(() => ({ type: 'stop' }), 10_000)
  return { publishFloor, kvFloor }
}

/** N SDK instances over the fleet; SetRule alternating debug/info on logger `db`, timed until every ack is in. */
async function measureSetRule(fleet: Fleet, client: BenchControlClient, url: string, n: number, rounds: number) {
  await fleet.all(
    (k) => ({
      type: 'start-sdk',
      url,
      service: SERVICE,
      prefix: `w${k}`,
      count: shareOf(n, fleet.size, k),
      heartbeatIntervalMs: 2_000,
    }),
    60_000,
  )
  await waitUntil(`${n} instances in ListInstances`, 30_000, async () => {
    const { instances } = await client.listInstances(SERVICE)
    return (instances ?? []).length === n
  })
  const clientMs: number[] = []
  const serverMs: number[] = []
  let incomplete = 0
  // The control plane runs in this process: how busy its event loop is during the rounds.
  const eluStart = performance.eventLoopUtilization()
  for (let round = 0; round < WARMUP + rounds; round++) {
    const level = round % 2 === 0 ? 'debug' : 'info'
    const start = performance.now()
    const response = await client.setLevel(SERVICE, 'db', level, WAIT_MS)
    const elapsed = performance.now() - start
    const rollout = response.rollout
    const complete = rollout?.complete === true && (rollout.applied ?? []).length === n
    if (round >= WARMUP) {
      if (complete) {
        clientMs.push(elapsed)
        serverMs.push(rollout.elapsedMs ?? 0)
      } else {
        incomplete++
      }
    }
    await sleep(PAUSE_MS)
  }
  const busy = performance.eventLoopUtilization(eluStart).utilization
  await fleet.all(() => ({ type: 'stop' }), 20_000)
  // The closed instances said goodbye: the next size must start from an empty registry.
  await waitUntil('closed instances to leave the registry', 15_000, async () => {
    const { instances } = await client.listInstances(SERVICE)
    return (instances ?? []).length === 0
  })
  return { client: clientMs, server: serverMs, incomplete, busy }
}

function rows(result: SizeResult): string[][] {
  const publishP50 = percentile(result.publishFloor, 50)
  const kvP50 = percentile(result.kvFloor, 50)
  const row = (what: string, samples: number[], goal: string, extra = '') => [
    `${result.n}`,
    what,
    fmt(percentile(samples, 50)),
    fmt(percentile(samples, 99)),
    fmt(max(samples)),
    `${samples.length}${extra}`,
    fmt(percentile(samples, 50) / publishP50, 2),
    fmt(percentile(samples, 50) / kvP50, 2),
    goal,
  ]
  const goal = result.n === 200 ? 'p50 ≤ 20, p99 ≤ 50' : ''
  const lost = result.incomplete > 0 ? ` (+${result.incomplete} incomplete)` : ''
  return [
    row('bare: 1 publish → N subs → N replies', result.publishFloor, 'floor ~7 ms at 200'),
    row('bare: 1 KV put → N watchers → N replies', result.kvFloor, ''),
    row('SetRule → rollout complete (client)', result.client, goal, lost),
    row('  rollout.elapsedMs (server)', result.server, ''),
  ]
}

/**
 * set-level → every ack, with N SDK instances living in worker processes,
 * next to the bare NATS floors measured with the same workers and the same
 * number of connections, in the same run.
 */
export async function propagationBench(options: PropagationBenchOptions): Promise<Table> {
  const rounds = options.quick ? 8 : 30
  const opened: Resource[] = []
  const results: SizeResult[] = []
  const storeDir = await mkdtemp(join(tmpdir(), 'prodbench-bench-'))
  try {
    const nats = await startNatsServer({ port: 0, storeDir })
    opened.push({ close: () => nats.stop() })
    const cp = await startControlPlane({ nats: nats.url, grpc: '127.0.0.1:0' })
    opened.push(cp)
    const client = new BenchControlClient(cp.grpcAddress)
    opened.push({ close: async () => client.close() })
    const nc = await connect({ servers: nats.url, name: 'bench' })
    opened.push({ close: () => nc.close() })
    const kv = await nc.jetstream().views.kv(FLOOR_BUCKET, { history: 1 })
    for (const n of SIZES) {
      const fleet = await Fleet.start(WORKERS)
      opened.push(fleet)
      const floors = await measureFloors(fleet, nc, kv, nats.url, n, rounds)
      const setRule = await measureSetRule(fleet, client, nats.url, n, rounds)
      await fleet.close()
      results.push({ n, ...floors, ...setRule })
    }
  } finally {
    // Reverse order: workers before the control plane, the control plane before NATS.
    for (const resource of opened.reverse()) await Promise.resolve(resource.close()).catch(() => {})
    await rm(storeDir, { recursive: true, force: true })
  }
  return {
    title: `propagation: set-level → all acks, N SDK instances in ${WORKERS} worker processes (ms)`,
    columns: ['N', 'what', 'p50', 'p99', 'max', 'rounds', 'ratio p50 / publish', 'ratio p50 / KV', 'goal'],
    textColumns: 2,
    rows: results.flatMap(rows),
    notes: [
      `each row: ${WARMUP} warm-up rounds, then the rounds shown, ${PAUSE_MS} ms apart; p99 is nearest-rank (with 30 rounds it is the maximum).`,
      'ratios: p50 of the row / p50 of a bare floor at the same N, measured in the same run with the same worker processes and connection count.',
      'bare rows: the parent times from just before a publish (or KV put) until all N echoes are back on one subscription; every connection echoes the payload at once.',
      `control plane (in the benchmark process) event loop busy during the SetRule rounds: ${results.map((r) => `N=${r.n} ${fmt(r.busy * 100, 0)}%`).join(', ')}.`,
      `SetRule rows: gRPC SetRule (logger db, debug/info alternating, wait_ms ${WAIT_MS}) from call to response, counted only when rollout.complete and applied = N; heartbeats every 2 s.`,
    ],
  }
}
