/**
 * The guided tour: real ctl commands against the running fleet, with the
 * instances' own log lines as the proof that each step did what it says —
 * first a log level changed live, then a histogram captured live
 * (hist-tour.ts), then counters and gauges listed and watched live
 * (metrics-tour.ts).
 */

import { benchTour } from './bench-tour.js'
import type { Ctl } from './ctl.js'
import type { Fleet } from './fleet.js'
import { histogramTour } from './hist-tour.js'
import type { LogTap } from './log-tap.js'
import { logsTour } from './logs-tour.js'
import { metricsTour } from './metrics-tour.js'
import { clock, type LogRecord } from './pretty.js'
import { makeSteps } from './steps.js'

/** What the tour works with. */
export interface TourContext {
  fleet: Fleet
  ctl: Ctl
  tap: LogTap
  write(line: string): void
  /** Aborts the tour's waits (Ctrl-C). */
  signal: AbortSignal
  /** TTL of the demo's rule, in seconds. */
  ttlS: number
  /** A folder the tour may write to (the .hlog file). */
  dataDir: string
}

/** `ctl --json status` as far as the tour reads it. */
interface StatusJson {
  instances?: Array<{
    identity?: { instance?: string }
    applied?: { levels?: Array<{ logger?: string; level?: string; source?: { ruleId?: string; expiresAt?: number } }> }
  }>
}

const DEBUG = 20
const TRACE = 10
const dbDebug = (record: LogRecord) => record.logger === 'db' && record.level === DEBUG

/** Runs the tour; resolves with the failed checks (empty when all passed). */
export async function runTour(ctx: TourContext): Promise<string[]> {
  const { fleet, ctl, tap, write } = ctx
  const steps = makeSteps(write, ctx.signal)
  const { section, say, check, sleep, failures } = steps
  const dbLevels = async () => {
    const status = await ctl.json<StatusJson>(['status', 'svc=checkout'])
    return (status?.instances ?? []).map((instance) => ({
      id: instance.identity?.instance ?? '?',
      db: instance.applied?.levels?.find((level) => level.logger === 'db'),
    }))
  }

  section('The fleet')
  write(`control plane   gRPC ${fleet.grpcAddress}, NATS ${fleet.natsUrl} (its own nats-server, JetStream)`)
  if (fleet.uiUrl) write(`admin UI        ${fleet.uiUrl}`)
  for (const instance of fleet.instances) write(`${instance.label.padEnd(15)} ${instance.url}  instance ${instance.id}`)
  write(`load generator  ${fleet.loadLine()}`)
  let registered = 0
  for (const start = Date.now(); Date.now() - start < 15_000; await sleep(300)) {
    registered = (await dbLevels()).length
    if (registered >= fleet.instances.length) break
  }
  check(registered === fleet.instances.length, `control plane sees ${registered}/${fleet.instances.length} instances`)

  section('Normal traffic: the code says info, so debug and trace cost nothing')
  tap.reset()
  tap.display((record) => record.logger === 'http', 4)
  await sleep(3_000)
  tap.display(undefined)
  write(
    `in 3 s: ${tap.count()} records from 2 instances; debug ${tap.count({ level: DEBUG })}, trace ${tap.count({ level: TRACE })}`,
  )
  check(tap.count() > 0 && tap.count({ level: DEBUG }) === 0, 'instances log at info and nothing below')

  section('What the control plane knows')
  check((await ctl.show(['ls'])).code === 0, 'ctl ls')
  write('')
  check((await ctl.show(['status', 'svc=checkout'])).code === 0, 'ctl status')

  section(`"Checkout is slow": debug on the db logger, ${ctx.ttlS} s, every instance`)
  say('ctl → gRPC SetRule → control plane writes the desired state to NATS KV → every SDK applies it and acks.')
  const set = await ctl.show([
    'set-level',
    'svc=checkout',
    'debug',
    'logger=db',
    '--ttl',
    `${ctx.ttlS}s`,
    '--reason',
    'demo: why is checkout slow?',
  ])
  const setAt = Date.now()
  check(set.code === 0, `set-level returned once every instance had applied it (${set.ms} ms incl. ctl start-up)`)

  section('The db logger now shows its queries (nothing restarted)')
  tap.reset()
  tap.display(dbDebug, 10)
  await sleep(5_000)
  tap.display(undefined)
  const perInstance = tap.countBySource({ logger: 'db', level: DEBUG })
  write(
    `db debug lines in 5 s: ${fleet.instances.map((i) => `${i.label} ${perInstance.get(i.label) ?? 0}`).join(', ')}; ` +
      `other loggers' debug: ${tap.count({ level: DEBUG }) - tap.count({ logger: 'db', level: DEBUG })}; db.pool trace: ${tap.count({ logger: 'db.pool', level: TRACE })}`,
  )
  say('logger=db also covers db.pool, whose lines are at trace: they stay off, as asked.')
  check(
    fleet.instances.every((i) => (perInstance.get(i.label) ?? 0) > 0),
    'every instance logs db queries at debug',
  )
  check(
    tap.count({ logger: 'http', level: DEBUG }) + tap.count({ logger: 'payments', level: DEBUG }) === 0,
    'only the db logger changed (http and payments stay at info)',
  )

  section('Why is db at debug? Provenance')
  await ctl.show(['status', 'svc=checkout'])
  const during = await dbLevels()
  check(
    during.length > 0 && during.every((i) => i.db?.level === 'debug' && Boolean(i.db.source?.ruleId)),
    'status: db is at debug on every instance, from the rule (id, author, expiry)',
  )
  const expiresAt = during.find((i) => i.db?.source?.expiresAt)?.db?.source?.expiresAt ?? setAt + ctx.ttlS * 1000

  section('Nobody turns it off: the TTL does')
  say(`Each SDK holds its own timer for the rule: it reverts even if the control plane is down.`)
  say(`The rule expires at ${clock(expiresAt)}; counting db debug lines until then:`)
  tap.reset()
  while (Date.now() < expiresAt) {
    await sleep(Math.min(5_000, Math.max(0, expiresAt - Date.now())))
    write(`  ${clock()}  db debug lines since the last count: ${tap.count({ logger: 'db', level: DEBUG })}`)
    if (Date.now() < expiresAt) tap.reset()
  }
  const lastDebug = tap.lastTime({ logger: 'db', level: DEBUG })
  await sleep(1_000)
  tap.reset()
  await sleep(3_000)
  if (lastDebug) write(`last db debug line at ${clock(lastDebug)}, rule expiry at ${clock(expiresAt)}`)
  check(tap.count({ logger: 'db', level: DEBUG }) === 0, 'no db debug lines in the 3 s after expiry')
  check(tap.count({ logger: 'http' }) > 0, 'traffic kept flowing all along')

  section('Back to the code default')
  let after = await dbLevels()
  for (const start = Date.now(); Date.now() - start < 15_000; await sleep(500)) {
    after = await dbLevels()
    if (after.length > 0 && after.every((i) => i.db?.level === 'info' && !i.db.source?.ruleId)) break
  }
  await ctl.show(['status', 'svc=checkout'])
  check(
    after.length > 0 && after.every((i) => i.db?.level === 'info' && !i.db.source?.ruleId),
    'status: db is back at info from the code default on every instance',
  )

  await logsTour(ctx, steps)
  await histogramTour(ctx, steps)
  await metricsTour(ctx, steps)
  await benchTour(ctx, steps)
  write(`\n${fleet.loadLine()}`)
  return failures
}
