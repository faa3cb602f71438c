import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { type ControlPlane, startControlPlane } from '../../control-plane/src/index.js'
import type { Prodbench, SdkOptions } from '../../sdk/src/index.js'
import { eventually, startInstance, type TestInstance } from '../helpers/fleet.js'
import { startTestNats, type TestNats } from '../helpers/nats-server.js'
import { mulberry32 } from '../helpers/random.js'

/** Loggers of the example checkout service, so the pages look like the demo's. */
export const LOGGERS = ['http', 'db', 'db.pool', 'payments']
/** Histograms they record (µs). */
export const HISTOGRAMS = ['http.server.duration', 'db.query.duration', 'payments.charge.duration']

/** A control plane with its HTTP gateway, over a test nats-server, with SDK instances that log and record. */
export interface UiFleet {
  readonly nats: TestNats
  readonly cp: ControlPlane
  /** `http://127.0.0.1:PORT/`. */
  readonly baseUrl: string
  readonly instances: TestInstance[]
  /** Closes instances, control plane and server. Idempotent. */
  close(): Promise<void>
}

/** Options of {@link startUiFleet}. */
export interface UiFleetOptions {
  /** Instances of `checkout`. */
  checkout?: string[]
  /** More services, each with its instances (e.g. `{ payments: ['p-1'] }`). */
  others?: Record<string, string[]>
  /** Heartbeat interval of the instances (short keeps tests quick). */
  heartbeatIntervalMs?: number
  /** Record made-up latencies (default true; off for big fleets). */
  record?: boolean
  /** More SDK options for every instance (asserts, incidents...). */
  sdk?: Partial<SdkOptions>
}

/**
 * Starts nats-server, a control plane serving the UI on a free port, and SDK
 * instances of checkout (and other services) with the checkout's loggers and
 * histograms, recording made-up latencies every 20 ms. With `t`, everything is
 * closed when the test ends.
 */
export async function startUiFleet(
  options: UiFleetOptions = {},
  t?: { after(fn: () => Promise<void>): void },
): Promise<UiFleet> {
  const nats = await startTestNats()
  const cp = await startControlPlane({ nats: nats.url, grpc: '127.0.0.1:0', http: '127.0.0.1:0', onWarning: () => {} })
  const instances: TestInstance[] = []
  const timers: NodeJS.Timeout[] = []
  const groups = { checkout: options.checkout ?? ['checkout-1', 'checkout-2', 'checkout-3'], ...options.others }
  let seed = 1
  for (const [service, ids] of Object.entries(groups)) {
    for (const instance of ids) {
      const i = startInstance({
        service,
        instance,
        nats: nats.url,
        heartbeatIntervalMs: options.heartbeatIntervalMs ?? 500,
        ...options.sdk,
      })
      instances.push(i)
      if (options.record !== false) timers.push(record(i.pb, seed++))
      else for (const name of LOGGERS) i.pb.logger(name)
    }
  }
  let closing: Promise<void> | undefined
  const fleet: UiFleet = {
    nats,
    cp,
    baseUrl: `http://${cp.httpAddress}/`,
    instances,
    close() {
      closing ??= (async () => {
        for (const timer of timers) clearInterval(timer)
        await Promise.all(instances.map((i) => i.pb.close()))
        await cp.close()
        await nats.close()
      })()
      return closing
    },
  }
  t?.after(() => fleet.close())
  await Promise.all(instances.map((i) => i.pb.ready()))
  const expected = instances.length
  await eventually(() => cp.stats().instances >= expected, 10_000, `${expected} instances registered`)
  return fleet
}

/** Makes the loggers, logs a request every 200 ms, and records latencies: a log-normal-ish body and a slow tail. */
function record(pb: Prodbench, seed: number): NodeJS.Timeout {
  for (const name of LOGGERS) pb.logger(name)
  const histograms = HISTOGRAMS.map((name) => pb.histogram(name, { unit: 'us' }))
  const random = mulberry32(seed)
  const http = pb.logger('http')
  const db = pb.logger('db')
  let tick = 0
  const timer = setInterval(() => {
    // A few log lines a second, for the tail: one request, and its query at debug.
    if (tick++ % 10 === 0) {
      const user = String(40 + Math.floor(random() * 5))
      http.info({ route: '/checkout', method: 'POST', status: 200, user }, 'request served')
      db.debug({ table: 'orders', rows: 1 + Math.floor(random() * 3) }, 'query')
    }
    for (const [n, h] of histograms.entries()) {
      for (let k = 0; k < 20; k++) {
        const base = [8_000, 1_500, 40_000][n] ?? 1_000
        const tail = random() < 0.02 ? 8 : 1
        h.record(Math.round(base * tail * Math.exp((random() - 0.5) * 1.2)))
      }
    }
  }, 20)
  timer.unref()
  return timer
}

const UI_INDEX = fileURLToPath(new URL('../../control-plane/ui/dist/index.html', import.meta.url))
const UI_BUILD = fileURLToPath(new URL('../../control-plane/ui/build.ts', import.meta.url))

/** Builds the UI when control-plane/ui/dist is missing (a test run on its own, before `npm run build:ui`). */
export function ensureUiBuilt(): void {
  if (existsSync(UI_INDEX)) return
  const build = spawnSync(process.execPath, ['--import', 'tsx', UI_BUILD], { encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`npm run build:ui failed:\n${build.stderr}${build.stdout}`)
}
