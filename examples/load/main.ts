/**
 * A load generator for the checkout example.
 *
 *   TARGET=http://127.0.0.1:3000,http://127.0.0.1:3001 RATE=20 DURATION=0 node --import tsx examples/load/main.ts
 *
 * Sends the storefront mix (see mix.ts) at RATE requests/s, round-robin over
 * TARGET, for DURATION seconds (0 = until Ctrl-C), and prints a one-line
 * summary every REPORT seconds. Loopback targets only unless ALLOW_REMOTE=1.
 */

import { type LoadConfig, loadConfig } from './config.js'
import { nextRequest } from './mix.js'
import { LoadStats } from './stats.js'

let config: LoadConfig
try {
  config = loadConfig()
} catch (error) {
  console.error((error as Error).message)
  process.exit(2)
}

const stats = new LoadStats()
const inFlight = new Set<Promise<void>>()
let sent = 0
let next = 0
const start = performance.now()
console.log(
  `load: ${config.rate} req/s to ${config.targets.map((t) => t.origin).join(', ')}` +
    (config.durationS > 0 ? ` for ${config.durationS} s` : ' until Ctrl-C'),
)

async function send(): Promise<void> {
  const planned = nextRequest()
  const target = config.targets[next++ % config.targets.length] as URL
  const began = performance.now()
  try {
    const response = await fetch(new URL(planned.path, target), {
      method: planned.method,
      headers: {
        'x-user-id': planned.user,
        ...(planned.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: planned.body === undefined ? undefined : JSON.stringify(planned.body),
      signal: AbortSignal.timeout(config.timeoutMs),
    })
    await response.arrayBuffer()
    stats.add({ status: response.status, ms: performance.now() - began })
  } catch (error) {
    stats.add({ error: describe(error), ms: performance.now() - began })
  }
}

function describe(error: unknown): string {
  const err = error as { name?: string; cause?: { code?: string }; message?: string }
  return err.cause?.code ?? (err.name === 'TimeoutError' ? 'timeout' : (err.message ?? String(error)))
}

// Ticks every 20 ms and sends what is due, so the rate holds even when a tick runs late.
const ticker = setInterval(() => {
  const due = Math.floor(((performance.now() - start) / 1000) * config.rate) - sent
  for (let i = 0; i < due; i++) {
    sent++
    if (inFlight.size >= config.maxInFlight) {
      stats.skipped++
      continue
    }
    const request = send().finally(() => inFlight.delete(request))
    inFlight.add(request)
  }
}, 20)
const reporter = setInterval(() => console.log(stats.windowLine()), config.reportS * 1000)
const deadline = config.durationS > 0 ? setTimeout(() => stop('duration reached'), config.durationS * 1000) : undefined

let stopped = false
async function stop(why: string): Promise<void> {
  if (stopped) return
  stopped = true
  clearInterval(ticker)
  clearInterval(reporter)
  clearTimeout(deadline)
  await Promise.allSettled(inFlight)
  console.log(`${stats.totalLine()} (${why})`)
  // Keep-alive sockets of fetch's pool would hold the process for a few more seconds.
  process.exit(0)
}
process.on('SIGINT', () => stop('interrupted'))
process.on('SIGTERM', () => stop('terminated'))
