/**
 * Child process of the NATS-outage test: a small HTTP service, with the SDK
 * (`sdk` mode) or without it (`bare` mode, the baseline), that measures its
 * own event-loop delay per phase and answers the test over IPC.
 *
 *   node --import tsx --expose-gc outage-service.ts <sdk|bare> <nats url> <instance>
 *
 * IPC in: `{ type: 'phase' }` starts a new measuring phase and answers the
 * previous one's {@link PhaseReport}; `{ type: 'close' }` closes and exits.
 * IPC out: `{ type: 'listening', port }` once serving (and ready, with the SDK).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { Writable } from 'node:stream'
import { init, type Prodbench } from '../../sdk/src/index.js'

/** What one phase measured. */
export interface PhaseReport {
  /** Event-loop delay over the phase, ms: how late a 5 ms timer ran (monitorEventLoopDelay minus its resolution). */
  readonly p50: number
  readonly p99: number
  readonly max: number
  readonly samples: number
  /** Requests served during the phase. */
  readonly requests: number
  /** heapUsed after a full gc, bytes. */
  readonly heap: number
  readonly unhandledRejections: number
  readonly uncaughtExceptions: number
  /** Wall clock when the SDK's connection last came back (0: never lost), and when `db` last turned debug. */
  readonly reconnectedAt: number
  readonly dbDebugAt: number
  /** The SDK's telemetry buffer (`status().snapshots`), and its connection state. */
  readonly snapshots: { readonly buffered: number; readonly dropped: number }
  readonly connection: string
}

const [mode = 'sdk', url = '', instance = 'svc'] = process.argv.slice(2)
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {})
let unhandledRejections = 0
let uncaughtExceptions = 0
process.on('unhandledRejection', () => unhandledRejections++)
process.on('uncaughtException', () => uncaughtExceptions++)

const sink = new Writable({
  write(_chunk, _encoding, done) {
    done()
  },
})
let pb: Prodbench | undefined
let handler = (_req: IncomingMessage, res: ServerResponse) => {
  res.end('ok')
}
if (mode === 'sdk') {
  pb = init({ service: 'outage', instance, nats: url, destination: sink })
  const log = pb.logger('http')
  pb.logger('db')
  handler = pb.httpHandler((req, res) => {
    log.debug({ path: req.url }, 'request')
    res.end('ok')
  })
  await pb.ready()
}

let requests = 0
const server = createServer((req, res) => {
  requests++
  handler(req, res)
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))

// Watch the SDK's state from outside, as an operator's health check would (both modes pay the same poll).
let wasDown = false
let reconnectedAt = 0
let dbDebugAt = 0
const watch = setInterval(() => {
  if (!pb) return
  const connected = pb.status().connection === 'connected'
  if (!connected) wasDown = true
  else if (wasDown) {
    wasDown = false
    reconnectedAt = Date.now()
  }
  const debug = pb.logger('db').level === 'debug'
  if (debug && dbDebugAt === 0) dbDebugAt = Date.now()
}, 10)

const RESOLUTION_MS = 5
const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
delay.enable()
/** A sample is the whole interval between two timer runs: lateness is what exceeds the resolution. */
const lateness = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS)

function report(): PhaseReport {
  const out = {
    p50: lateness(delay.percentile(50)),
    p99: lateness(delay.percentile(99)),
    max: lateness(delay.max),
    samples: delay.count,
    requests,
    heap: 0,
    unhandledRejections,
    uncaughtExceptions,
    reconnectedAt,
    dbDebugAt,
    snapshots: pb?.status().snapshots ?? { buffered: 0, dropped: 0 },
    connection: pb?.status().connection ?? 'none',
  }
  gc()
  out.heap = process.memoryUsage().heapUsed
  // The gc is not part of the next phase.
  delay.reset()
  requests = 0
  return out
}

process.on('message', (message: { type: string }) => {
  if (message.type === 'phase') process.send?.({ type: 'phase', report: report() })
  if (message.type === 'close') {
    clearInterval(watch)
    delay.disable()
    server.close()
    server.closeAllConnections()
    void (pb?.close() ?? Promise.resolve()).then(() => process.disconnect())
  }
})
process.send?.({ type: 'listening', port: (server.address() as { port: number }).port })
