/**
 * Starts what the demo shows: the control plane (which runs its own
 * nats-server), two checkout instances and the load generator — all real
 * processes — and stops them again, in order.
 */

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { type Child, startChild } from './children.js'
import type { LogTap } from './log-tap.js'
import { type LogRecord, paint, parseRecord } from './pretty.js'

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url))
const CONTROL_PLANE_BIN = root('control-plane/bin/control-plane.js')
const CHECKOUT_MAIN = root('examples/checkout/main.ts')
const LOAD_MAIN = root('examples/load/main.ts')

/** One checkout instance. */
export interface Instance {
  /** Short label used in the demo's output: checkout#1. */
  label: string
  /** Its HTTP base URL. */
  url: string
  /** The SDK's instance id, as `ctl status` shows it. */
  id: string
  child: Child
}

/** Everything the demo started. */
export interface Fleet {
  grpcAddress: string
  natsUrl: string
  /** The admin UI the control plane serves (its `Admin UI: …` line), when it printed one. */
  uiUrl: string | undefined
  /** The admin token the control plane made on its first start (`<data>/security/admin.token`), for ctl. */
  token: string | undefined
  /** Where that token is, for the "your turn" commands. */
  tokenFile: string
  /** The SDK's credentials for the secured embedded nats-server (`<data>/security/sdk.env`). */
  sdkEnvFile: string
  instances: Instance[]
  /** The newest summary line of the load generator. */
  loadLine(): string
  /** Called with each load summary line from now on (undefined: nobody listens). */
  onLoadLine: ((line: string) => void) | undefined
  /** Children in start order, for health checks. */
  children(): Child[]
  /** Stops load, instances, then the control plane. Idempotent. */
  close(): Promise<void>
}

/** Options of {@link startFleet}. */
export interface FleetOptions {
  dataDir: string
  /** Requests/s of the load generator. */
  rate: number
  tap: LogTap
  write(line: string): void
}

/** A child with its recent output, for error messages. */
class Started {
  readonly tail: string[] = []
  private readonly listeners = new Set<(line: string) => void>()
  child!: Child

  constructor(
    name: string,
    args: string[],
    env: Record<string, string>,
    onLine?: (line: string, stream: 'out' | 'err') => void,
  ) {
    const take = (stream: 'out' | 'err') => (line: string) => {
      this.tail.push(line)
      if (this.tail.length > 30) this.tail.shift()
      for (const listener of this.listeners) listener(line)
      onLine?.(line, stream)
    }
    this.child = startChild(name, args, { env, onStdout: take('out'), onStderr: take('err') })
  }

  /** Resolves with the first value `pick` finds in a line; fails on exit or after `timeoutMs`. */
  waitFor<T>(what: string, pick: (line: string) => T | undefined, timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const fail = (why: string) => {
        cleanup()
        const tail = this.tail.length ? `\n  last output:\n    ${this.tail.join('\n    ')}` : ''
        reject(new Error(`${this.child.name}: ${why} while waiting for ${what}${tail}`))
      }
      const listener = (line: string) => {
        const value = pick(line)
        if (value === undefined) return
        cleanup()
        resolve(value)
      }
      const timer = setTimeout(() => fail(`no sign after ${timeoutMs / 1000} s`), timeoutMs)
      this.child.exited.then((code) => fail(`exited (${code})`))
      const cleanup = () => {
        clearTimeout(timer)
        this.listeners.delete(listener)
      }
      this.listeners.add(listener)
    })
  }
}

/** Starts the control plane, two checkout instances and the load generator. */
export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const { tap, write } = options
  const started: Started[] = []
  let lastLoad = ''
  let closing: Promise<void> | undefined
  const fleet: Fleet = {
    grpcAddress: '',
    natsUrl: '',
    uiUrl: undefined,
    token: undefined,
    tokenFile: join(options.dataDir, 'security', 'admin.token'),
    sdkEnvFile: join(options.dataDir, 'security', 'sdk.env'),
    instances: [],
    loadLine: () => lastLoad,
    onLoadLine: undefined,
    children: () => started.map((s) => s.child),
    close: () => {
      // Load first (no errors from closed servers), then the instances (they
      // say goodbye over NATS), then the control plane and its nats-server.
      closing ??= (async () => {
        for (const s of [...started].reverse()) await s.child.stop()
      })()
      return closing
    },
  }

  try {
    const cp = new Started(
      'control plane',
      [CONTROL_PLANE_BIN, '--data', options.dataDir, '--grpc', '127.0.0.1:0'],
      {},
      (line, stream) => {
        // Its normal chatter stays out of the tour; problems do not.
        const record = parseRecord(line)
        if (record ? record.level >= 50 : stream === 'err' && /error|fatal/i.test(line)) {
          write(paint(31, `  [control plane] ${record?.msg ?? line}`))
        }
      },
    )
    started.push(cp)
    const addresses = await Promise.all([
      cp.waitFor('NATS_URL=…', (line) => /NATS_URL=(nats:\/\/[\w.[\]:-]+:\d+)/.exec(line)?.[1], 20_000),
      cp.waitFor('"gRPC listening on …"', (line) => /gRPC listening on ([\w.[\]:-]+:\d+)/.exec(line)?.[1], 20_000),
    ]).catch(async (error: Error) => (await fromStateFile(options.dataDir)) ?? Promise.reject(error))
    ;[fleet.natsUrl, fleet.grpcAddress] = addresses
    // Printed with the gRPC line (default 127.0.0.1:7421, or a free port when that one is taken).
    fleet.uiUrl = cp.tail.map((line) => /Admin UI: (http:\/\/\S+)/.exec(line)?.[1]).find(Boolean)
    // The control plane is secure by default: ctl needs its admin token, the services their NATS credentials.
    fleet.token = (await readFile(fleet.tokenFile, 'utf8').catch(() => '')).trim() || undefined
    const sdkEnv = await readEnvFile(fleet.sdkEnvFile)

    const instances = await Promise.all(
      [1, 2].map(async (n) => {
        const label = `checkout#${n}`
        const s = new Started(
          label,
          ['--import', 'tsx', CHECKOUT_MAIN],
          { ...sdkEnv, NATS_URL: fleet.natsUrl, PORT: '0' },
          (line) => {
            const record = parseRecord(line)
            if (record) tap.add(label, record)
            else write(`  [${label}] ${line}`)
          },
        )
        started.push(s)
        const listening = await s.waitFor('its "listening on" log line', (line) => listeningRecord(line), 30_000)
        return { label, url: String(listening.url), id: String(listening.instance ?? '?'), child: s.child }
      }),
    )
    fleet.instances = instances

    const load = new Started(
      'load',
      ['--import', 'tsx', LOAD_MAIN],
      { TARGET: instances.map((i) => i.url).join(','), RATE: String(options.rate), REPORT: '5', DURATION: '0' },
      (line) => {
        lastLoad = line
        fleet.onLoadLine?.(line)
      },
    )
    started.push(load)
    await load.waitFor('its first line', (line) => (line.startsWith('load:') ? true : undefined), 20_000)
    return fleet
  } catch (error) {
    await fleet.close()
    throw error
  }
}

function listeningRecord(line: string): LogRecord | undefined {
  const record = parseRecord(line)
  return record && typeof record.url === 'string' && record.msg?.startsWith('listening') ? record : undefined
}

/** The addresses from `<data>/control-plane.json`, for a control plane that writes them there. */
async function fromStateFile(dataDir: string): Promise<[string, string] | undefined> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const state = JSON.parse(await readFile(join(dataDir, 'control-plane.json'), 'utf8')) as Record<string, unknown>
      const nats = state.natsUrl ?? state.nats
      const grpc = state.grpcAddress ?? state.grpc
      if (typeof nats === 'string' && typeof grpc === 'string') return [nats, grpc]
    } catch {
      await sleep(200)
    }
  }
  return undefined
}

/** `KEY=value` lines of an env file (comments skipped); empty when the file is not there. */
async function readEnvFile(path: string): Promise<Record<string, string>> {
  const text = await readFile(path, 'utf8').catch(() => '')
  const vars: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line)
    if (match) vars[match[1] as string] = (match[2] as string).trim()
  }
  return vars
}
