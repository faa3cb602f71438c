/**
 * A worker process of the scale benchmark: hosts a share of a 1,000-instance
 * fleet of real SDK instances (each with its own NATS connection and KV
 * watch, as separate services would have), records into their histograms on
 * demand, and reports its own CPU and memory. Driven over IPC by
 * scale-fleet.ts; leaves when the parent goes away.
 */
import { init, type Prodbench } from '@prodbench/sdk'
import { connect, type KvEntry, type NatsConnection } from 'nats'
import { ByteSink } from './byte-sink.js'
import { minimalAck, watchKey } from './floors.js'

/** Commands from the benchmark; each is answered with `{ id, ok, detail }`. */
export type ScaleCommand =
  | {
      type: 'start'
      url: string
      service: string
      prefix: string
      count: number
      heartbeatIntervalMs: number
    }
  /** Every `everyMs`, record `values` latency-like values into each instance's histogram `metric`. */
  | { type: 'record'; metric: string; everyMs: number; values: number }
  /**
   * The floor: `count` bare NATS connections, each watching KV `bucket`/`key`
   * as the SDK does and publishing every value it sees to `reply`.
   */
  | { type: 'kv-echo'; url: string; count: number; bucket: string; key: string; reply: string }
  /**
   * The floor of any SDK: like `kv-echo`, but each connection takes the value
   * as a desired state of service `key` (decode, zod validation, resolve for
   * its own instance) and publishes a minimal ack (identity, revision, hash)
   * to `reply`. No loggers, no bookkeeping, no control plane.
   */
  | { type: 'kv-apply'; url: string; count: number; bucket: string; key: string; reply: string }
  /** CPU (µs) and memory since the last `usage`. */
  | { type: 'usage' }
  | { type: 'stop' }

/** What `usage` answers. */
export interface WorkerUsage {
  readonly cpuMicros: number
  readonly wallMs: number
  readonly rss: number
  readonly heapUsed: number
}

const instances: Prodbench[] = []
const connections: NatsConnection[] = []
let recorder: NodeJS.Timeout | undefined
let lastCpu = process.cpuUsage()
let lastWall = performance.now()

async function start(command: Extract<ScaleCommand, { type: 'start' }>): Promise<string> {
  const sink = new ByteSink()
  const made: Prodbench[] = []
  for (let i = 0; i < command.count; i++) {
    const pb = init({
      service: command.service,
      instance: `${command.prefix}-${i}`,
      nats: command.url,
      destination: sink,
      heartbeatIntervalMs: command.heartbeatIntervalMs,
      startupTimeoutMs: 60_000,
    })
    pb.logger('db')
    made.push(pb)
    // Connecting a few hundred clients at once is a storm of its own: let the loop breathe.
    if (i % 25 === 24) await new Promise((resolve) => setTimeout(resolve, 10))
  }
  instances.push(...made)
  await Promise.all(made.map((pb) => pb.ready()))
  const unsynced = made.filter((pb) => pb.status().connection !== 'connected' || !pb.status().synced).length
  if (unsynced > 0) throw new Error(`${unsynced} of ${made.length} SDK instances not connected and synced`)
  return `${made.length} instances`
}

function record(command: Extract<ScaleCommand, { type: 'record' }>): string {
  clearInterval(recorder)
  const histograms = instances.map((pb) => pb.histogram(command.metric, { unit: 'us' }))
  let seed = 1
  recorder = setInterval(() => {
    for (const h of histograms) {
      for (let v = 0; v < command.values; v++) {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
        // Mostly 1-3 ms, a tail to a second.
        h.record(1_000 + (seed % 2_000) + (seed % 97 === 0 ? seed % 1_000_000 : 0))
      }
    }
  }, command.everyMs)
  return `${histograms.length} histograms`
}

/** `count` connections each watching `bucket`/`key` as the SDK does, each entry handed to `onEntry`. */
async function kvWatchers(
  command: { url: string; count: number; bucket: string; key: string },
  onEntry: (nc: NatsConnection, index: number, entry: KvEntry) => void,
): Promise<string> {
  const made = await Promise.all(Array.from({ length: command.count }, () => connect({ servers: command.url })))
  connections.push(...made)
  await watchKey(made, command.bucket, command.key, onEntry)
  return `${made.length} connections`
}

function kvEcho(command: Extract<ScaleCommand, { type: 'kv-echo' }>): Promise<string> {
  return kvWatchers(command, (nc, _index, entry) => nc.publish(command.reply, entry.value))
}

function kvApply(command: Extract<ScaleCommand, { type: 'kv-apply' }>): Promise<string> {
  const startedAt = Date.now()
  return kvWatchers(command, (nc, index, entry) => {
    if (entry.operation !== 'PUT') return
    nc.publish(command.reply, minimalAck(command.key, `floor-${process.pid}-${index}`, startedAt, entry))
  })
}

function usage(): WorkerUsage {
  const cpu = process.cpuUsage(lastCpu)
  const now = performance.now()
  const out = {
    cpuMicros: cpu.user + cpu.system,
    wallMs: now - lastWall,
    rss: process.memoryUsage.rss(),
    heapUsed: process.memoryUsage().heapUsed,
  }
  lastCpu = process.cpuUsage()
  lastWall = now
  return out
}

async function stop(): Promise<string> {
  clearInterval(recorder)
  const all = instances.splice(0)
  await Promise.all([...all.map((pb) => pb.close()), ...connections.splice(0).map((nc) => nc.close())])
  return `closed ${all.length}`
}

async function handle(command: ScaleCommand): Promise<unknown> {
  switch (command.type) {
    case 'start':
      return start(command)
    case 'record':
      return record(command)
    case 'kv-echo':
      return kvEcho(command)
    case 'kv-apply':
      return kvApply(command)
    case 'usage':
      return usage()
    case 'stop':
      return stop()
  }
}

process.on('message', (request: ScaleCommand & { id: number }) => {
  handle(request).then(
    (detail) => process.connected && process.send?.({ id: request.id, ok: true, detail }),
    (err: unknown) =>
      process.connected &&
      process.send?.({ id: request.id, ok: false, message: err instanceof Error ? err.message : String(err) }),
  )
})

process.on('disconnect', () => {
  const hardStop = setTimeout(() => process.exit(1), 5_000)
  hardStop.unref()
  stop().finally(() => process.exit(0))
})
