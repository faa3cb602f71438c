/**
 * Idle cost: what an SDK instance costs a service that nobody is looking at
 * (no rules, no captures): timer callbacks per second, CPU and memory,
 * against a bare NATS connection measured in the same run. Each case runs in
 * its own child process so nothing else's timers or heap count.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { startControlPlane, startNatsServer } from '@prodbench/control-plane'
import { fmt, type Table } from './table.js'

const CHILD = fileURLToPath(new URL('./idle-child.ts', import.meta.url))
const run = promisify(execFile)

interface Result {
  mode: string
  seconds: number
  timersPerSecond: number
  cpuPercent: number
  heapBytes: number
  arrayBufferBytes: number
  rssBytes: number
}

async function measure(mode: string, url: string, seconds: number): Promise<Result> {
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', CHILD, mode, url, String(seconds)],
    {
      timeout: (seconds + 30) * 1_000,
    },
  )
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Result
}

const kib = (bytes: number) => fmt(bytes / 1_024, 0)

/** The idle suite. */
export async function idleBench({ quick }: { quick: boolean }): Promise<Table> {
  const seconds = quick ? 3 : 15
  const dir = await mkdtemp(join(tmpdir(), 'prodbench-idle-'))
  const nats = await startNatsServer({ port: 0, storeDir: dir })
  const cp = await startControlPlane({ nats: nats.url, grpc: '127.0.0.1:0' })
  try {
    const bare = await measure('bare', nats.url, seconds)
    const sdk = await measure('sdk', nats.url, seconds)
    const sdk20 = await measure('sdk+20', nats.url, seconds)
    const row = (label: string, r: Result): string[] => [
      label,
      fmt(r.timersPerSecond, 2),
      fmt(r.cpuPercent, 2),
      kib(r.heapBytes),
      kib(r.arrayBufferBytes),
      kib(r.rssBytes),
    ]
    return {
      title: `idle: an SDK instance with no rule and no capture, ${seconds} s (in a child process each)`,
      columns: ['case', 'timer callbacks/s', 'CPU %', 'heap KiB', 'array buffers KiB', 'RSS KiB'],
      rows: [
        row('bare: one nats connection', bare),
        row('SDK: init + 1 logger, connected', sdk),
        row('SDK + 20 histograms (1,000 values each)', sdk20),
      ],
      notes: [
        'timer callbacks/s: Timeout callbacks run in the process while idle (async_hooks), the measuring sleep excluded; goal: at most 1/s with 20 histograms.',
        "memory: after gc, settled, minus the process before the SDK (or connection) was made; array buffers hold the histograms' bucket counts (one Float64Array each; a second one only while captured).",
        "SDK timers: heartbeat every 5 s, desired-state resync every 30 s, the NATS client's ping every 2 min; histograms add none until a capture starts (then one per second).",
      ],
    }
  } finally {
    await cp.close()
    await nats.stop()
    await rm(dir, { recursive: true, force: true })
  }
}
