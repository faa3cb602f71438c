/**
 * The prodbench demo: a control plane, two checkout instances and a load
 * generator on this machine, and a tour that changes a log level live with
 * ctl and shows the effect and the automatic revert, then captures the
 * request-duration histogram live, merged across instances and per instance,
 * and finally lists the service's counters and gauges and watches them live.
 *
 *   npm run demo              tour, then stays up for you to try ctl (Ctrl-C stops all)
 *   npm run demo -- --once    tour only; exit code 0 when every check passed
 */

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { killAllChildrenNow } from './children.js'
import { Ctl } from './ctl.js'
import { type Fleet, startFleet } from './fleet.js'
import { LogTap } from './log-tap.js'
import { paint } from './pretty.js'
import { runTour } from './tour.js'

const USAGE = `usage: npm run demo [-- --once] [--rate N] [--ttl SECONDS] [--data DIR]

  --once         run the tour, stop everything, exit (0 = every check passed)
  --rate N       requests/s of the load generator (default 20)
  --ttl SECONDS  TTL of the demo's debug rule (default 20)
  --data DIR     control plane data folder (default: a fresh temp folder, removed on exit)`

const write = (line: string) => console.log(line)

let options: { once: boolean; rate: number; ttlS: number; data: string | undefined }
try {
  const { values } = parseArgs({
    options: {
      once: { type: 'boolean', default: false },
      rate: { type: 'string', default: '20' },
      ttl: { type: 'string', default: '20' },
      data: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    write(USAGE)
    process.exit(0)
  }
  options = { once: values.once, rate: Number(values.rate), ttlS: Number(values.ttl), data: values.data }
  if (!(options.rate > 0 && options.rate <= 1_000)) throw new Error(`--rate: "${values.rate}" must be 1 to 1000`)
  if (!(options.ttlS >= 5 && options.ttlS <= 600)) throw new Error(`--ttl: "${values.ttl}" must be 5 to 600 s`)
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`)
  process.exit(2)
}

// Ctrl-C aborts whatever the demo is waiting for; the finally block below stops everything.
const stop = new AbortController()
const onSignal = () => {
  if (stop.signal.aborted) return
  write(paint(90, '\nstopping…'))
  stop.abort()
}
process.on('SIGINT', onSignal)
process.on('SIGTERM', onSignal)
process.on('exit', killAllChildrenNow)

const started = Date.now()
const dataDir = options.data ?? (await mkdtemp(join(tmpdir(), 'prodbench-demo-')))
const tap = new LogTap(write)
let fleet: Fleet | undefined
let failures: string[] = []
let exitCode = 0

write(paint(1, 'prodbench demo — live log levels, histograms, counters and gauges over NATS'))
write(paint(90, `starting a control plane, 2 checkout instances and load (data in ${dataDir}) — Ctrl-C stops all`))
try {
  fleet = await startFleet({ dataDir, rate: options.rate, tap, write })
  const current = fleet
  for (const child of fleet.children()) {
    child.exited.then((code) => {
      if (stop.signal.aborted) return
      write(paint(31, `✗ ${child.name} exited unexpectedly (${code})`))
      failures.push(`${child.name} exited`)
      if (options.once) stop.abort()
    })
  }
  const ctl = new Ctl(current.grpcAddress, write, stop.signal, current.token)
  failures = failures.concat(
    await runTour({ fleet, ctl, tap, write, signal: stop.signal, ttlS: options.ttlS, dataDir }),
  )
  const seconds = Math.round((Date.now() - started) / 1000)
  write(
    failures.length === 0
      ? paint(32, `\nTour done in ${seconds} s: every check passed.`)
      : paint(31, `\nTour done in ${seconds} s: ${failures.length} check(s) failed: ${failures.join('; ')}`),
  )
  if (!options.once) await stayUp(current)
} catch (error) {
  if (!stop.signal.aborted) {
    write(paint(31, `\n✗ ${(error as Error).message}`))
    failures.push((error as Error).message)
  } else if (options.once && failures.length === 0) {
    failures.push('interrupted before the tour ended')
  }
} finally {
  stop.abort()
  tap.close()
  await fleet?.close()
  if (!options.data) await rm(dataDir, { recursive: true, force: true })
  write(paint(90, 'stopped: load generator, checkout instances, control plane and its nats-server'))
  exitCode = failures.length > 0 ? 1 : 0
}
process.exitCode = exitCode

/** After the tour: prints what to try, shows non-info log lines until Ctrl-C. */
async function stayUp(current: Fleet): Promise<void> {
  const [first] = current.instances
  write(`
${paint(1, 'Your turn.')}${current.uiUrl ? ` Admin UI: ${current.uiUrl}` : ''}
In another terminal, in this folder:

  export PRODBENCH_SERVER=${current.grpcAddress}
  export PRODBENCH_TOKEN="$(cat ${current.tokenFile})"
  npx ctl ls
  npx ctl status svc=checkout
  npx ctl set-level svc=checkout trace logger=db.pool --ttl 1m --reason "pool waits?"
  npx ctl set-level svc=checkout debug logger=payments inst=${first?.id ?? 'ID'} --ttl 2m
  npx ctl rules svc=checkout
  npx ctl reset svc=checkout

  # histograms (µs): http.server.duration[.<route>.<2xx…5xx>], db.query.duration, db.pool.wait, payments.charge.duration
  npx ctl capture start svc=checkout metric='db.**' --interval 1s --ttl 5m --reason "slow queries?"
  npx ctl hist watch svc=checkout metric=db.query.duration --per-instance
  npx ctl hist show svc=checkout metric=db.pool.wait --windows 10
  npx ctl capture start svc=checkout metric='http.server.duration.**' --ttl 5m
  npx ctl hist watch svc=checkout metric=http.server.duration.checkout.2xx --hlog checkout.hlog
  npx ctl capture ls svc=checkout
  npx ctl capture stop svc=checkout ID

  # counters: orders.placed, orders.payments{payment}; gauges: db.pool.in_use, db.pool.waiting, carts.open
  npx ctl metrics svc=checkout --per-instance
  npx ctl capture start svc=checkout metric='orders.**' --ttl 5m
  npx ctl watch svc=checkout metric='orders.**'

  # a third instance joins at the current levels, and streams the captures running:
  (set -a; . ${current.sdkEnvFile}; PORT=0 node --import tsx examples/checkout/main.ts)

Below: every log line that is not info (at most 15 a second), and the load every 30 s. Ctrl-C stops everything.
`)
  tap.display((record) => record.level !== 30, 15, true)
  let loadLines = 0
  current.onLoadLine = (line) => {
    if (loadLines++ % 6 === 5) write(paint(90, `  [${new Date().toLocaleTimeString()}] ${line}`))
  }
  await new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }))
}
