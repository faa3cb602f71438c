/**
 * Flood: what turning debug on costs a busy service, and what the log budget
 * gives back. A node:http service with the SDK (flood-child.ts, its own
 * process) logs 20 debug records and one info record per request to a real
 * file; this process drives it with keep-alive requests at a fixed
 * concurrency and times each. Four modes, the same load: debug off or on,
 * each without a budget and with the SDK's default one.
 */
import { fork } from 'node:child_process'
import { createReadStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { Agent, request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { percentile } from './stats.js'
import { fmt, type Table } from './table.js'

const CHILD = fileURLToPath(new URL('./flood-child.ts', import.meta.url))
const MODES = {
  info: 'debug off, no budget',
  'info+budget': 'debug off, default budget',
  debug: 'debug on, no budget',
  'debug+budget': 'debug on, default budget',
} as const
const CONCURRENCY = 16
const WARMUP_MS = 1_500

interface ModeResult {
  mode: string
  requests: number
  seconds: number
  latencies: number[]
  lines: number
  bytes: number
  dropped: number
}

/** One GET on a keep-alive agent; resolves when the body is read. */
function get(agent: Agent, port: number, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.on('data', () => {})
      res.on('end', resolve)
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

/** `CONCURRENCY` request loops for `ms`; the latency of each request that started in the window. */
async function drive(port: number, ms: number, record: boolean): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  const latencies: number[] = []
  const until = performance.now() + ms
  const loop = async (k: number) => {
    let n = 0
    while (performance.now() < until) {
      const start = performance.now()
      await get(agent, port, `/order/${k}/${n++}`)
      if (record) latencies.push(performance.now() - start)
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, k) => loop(k)))
  agent.destroy()
  return latencies
}

async function countLines(file: string): Promise<number> {
  let lines = 0
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++
  }
  return lines
}

async function runMode(mode: string, dir: string, seconds: number): Promise<ModeResult> {
  const file = join(dir, `${mode}.log`)
  const child = fork(CHILD, [mode, file], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (m: { port?: number }) => (m.port ? resolve(m.port) : reject(new Error('no port'))))
      child.once('exit', (code) => reject(new Error(`flood child (${mode}) exited with ${code}`)))
    })
    await drive(port, WARMUP_MS, false)
    const latencies = await drive(port, seconds * 1_000, true)
    const done = new Promise<{ dropped: number }>((resolve) =>
      child.on('message', (m: { done?: boolean; dropped: number }) => m.done && resolve(m)),
    )
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.send({ type: 'stop' })
    const { dropped } = await done
    await exited
    return {
      mode,
      requests: latencies.length,
      seconds,
      latencies,
      lines: await countLines(file),
      bytes: (await stat(file)).size,
      dropped,
    }
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL')
  }
}

/** The flood suite. */
export async function floodBench({ quick }: { quick: boolean }): Promise<Table> {
  const seconds = quick ? 2 : 8
  const dir = await mkdtemp(join(tmpdir(), 'prodbench-flood-'))
  const results: ModeResult[] = []
  try {
    for (const mode of Object.keys(MODES)) results.push(await runMode(mode, dir, seconds))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  const base = results[0] as ModeResult
  const p = (r: ModeResult, q: number) => percentile(r.latencies, q)
  const total = (r: ModeResult) => r.seconds + WARMUP_MS / 1_000
  return {
    title: `flood: a node:http service logging 20 debug + 1 info records per request, ${CONCURRENCY} concurrent keep-alive clients`,
    columns: [
      'mode',
      'requests/s',
      'p50 ms',
      'p99 ms',
      'p99 / debug off',
      'records written/s',
      'MB written/s',
      'records dropped/s',
    ],
    textColumns: 1,
    rows: results.map((r) => [
      MODES[r.mode as keyof typeof MODES],
      fmt(r.requests / r.seconds, 0),
      fmt(p(r, 50), 2),
      fmt(p(r, 99), 2),
      fmt(p(r, 99) / p(base, 99), 2),
      fmt(r.lines / total(r), 0),
      fmt(r.bytes / 1_048_576 / total(r), 1),
      fmt(r.dropped / total(r), 0),
    ]),
    notes: [
      `each mode: its own service process (flood-child.ts: init({ level, budget, flightRecorder: false }) with pino.destination({ dest: <temp file>, sync: false, minLength: 4096 }), pb.httpHandler), ${WARMUP_MS / 1_000} s of warm-up load, then ${seconds} s measured; the load generator runs in this process on the same 2 cores.`,
      'debug on: the level option set to debug (what a debug rule does to the loggers); default budget: 10,000 records/s and 10 MiB/s per instance, lowest levels dropped first (debug may use 70 % of it, info 85 %, warn 95 %), one summary record per second saying what was dropped.',
      "p99 / debug off: against the first row. At these request rates one info record per request is already over the default budget's share for info, so with the budget on info records are dropped too, debug or not.",
      "records and MB written/s: lines and bytes in the file over warm-up + measured time; dropped/s: the budget's count over the same time.",
    ],
  }
}
