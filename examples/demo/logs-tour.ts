/**
 * The precision-logging part of the tour: debug for one user's requests only
 * (`--where`), a live tail through the control plane, and the flight
 * recorder (`ctl record`, `ctl dump`). Every command is the real ctl; the
 * instances' own log lines and ctl's --json answers are the checks.
 */

import type { LogRecord } from './pretty.js'
import type { Steps } from './steps.js'
import type { TourContext } from './tour.js'

const DEBUG = 20
/** The user the demo's ticket is about (the load generator plays u-1 .. u-50). */
const USER = 'u-7'
const requestReceived = (record: LogRecord) => record.level === DEBUG && record.msg === 'request received'

/** `ctl --json set-level` / `record` as far as the tour reads it. */
interface ChangeJson {
  rules?: Array<{ id?: string }>
}

/** `ctl --json dump` as far as the tour reads it. */
interface DumpJson {
  instances?: Array<{ records?: string[] }>
}

/** Runs the precision-logging steps; failures go to `steps.failures`. */
export async function logsTour(ctx: TourContext, steps: Steps): Promise<void> {
  const { ctl, tap, write } = ctx
  const { section, say, check, sleep } = steps

  section(`"User ${USER} says checkout fails": debug for that user's requests only`)
  say('A rule with --where applies to the requests whose context matches (the service sets user with pb.setContext).')
  const set = await ctl.json<ChangeJson>([
    'set-level',
    'svc=checkout',
    'debug',
    '--where',
    `user=${USER}`,
    '--ttl',
    '2m',
    '--reason',
    `demo: ticket from ${USER}`,
  ])
  const ruleId = set?.rules?.[0]?.id
  write(`  rule ${ruleId ?? '?'}: debug on checkout where user=${USER}, for 2 minutes`)
  tap.reset()
  const received = tap.collect(requestReceived)
  tap.display(requestReceived, 6)
  // The load generator plays 50 users at random; u-7 also reproduces the ticket
  // itself, so the window surely holds some of its requests.
  say(`${USER} reproduces: GET /products on each instance, twice, beside the load of 49 other users.`)
  for (const instance of ctx.fleet.instances) {
    for (let i = 0; i < 2; i++) {
      await fetch(new URL('/products', instance.url), { headers: { 'x-user-id': USER } })
        .then((reply) => reply.arrayBuffer())
        .catch(() => undefined)
    }
  }
  await sleep(5_000)
  tap.display(undefined)
  tap.collect(() => false)
  const users = new Set(received.map((r) => String(r.user)))
  write(`debug "request received" lines in 5 s: ${received.length}, users: ${[...users].join(', ') || 'none'}`)
  check(Boolean(ruleId) && received.length >= 2 * ctx.fleet.instances.length, `${USER}'s requests log at debug`)
  check(users.size === 1 && users.has(USER), `no other user's request logged at debug (49 other users were active)`)

  section("Live tail through the control plane: the instances' own output untouched")
  await ctl.showFor(['tail', 'svc=checkout', 'logger=http', 'level=debug', '--where', `user=${USER}`], 4_000)
  if (ruleId) await ctl.show(['rm', 'svc=checkout', ruleId])

  section('Flight recorder: keep debug records in memory, write nothing')
  say("`ctl record` keeps records below the level in each instance's bounded ring; `ctl dump` reads them.")
  const record = await ctl.json<ChangeJson>(['record', 'svc=checkout', 'level=debug', '--ttl', '2m'])
  const written = tap.collect((r) => r.level === DEBUG)
  await sleep(3_000)
  tap.collect(() => false)
  // A failing request's kept records are written just before its error, marked "recorded":
  // that is the recorder at work. Any other debug line is a leak: name it.
  const replayed = written.filter((r) => r.recorded === true).length
  const leaked = written.filter((r) => r.recorded !== true)
  const first = leaked[0] ? `: ${JSON.stringify(leaked[0]).slice(0, 300)}` : ''
  if (replayed > 0)
    write(`  ${replayed} kept debug records were written beside a failing request's error, marked recorded`)
  check(leaked.length === 0, `recording writes no debug line to the instances' output${first}`)
  await ctl.show(['dump', 'svc=checkout', 'logger=db', '--last', '4'])
  const dump = await ctl.json<DumpJson>(['dump', 'svc=checkout', 'logger=db', '--last', '20'])
  const kept = (dump?.instances ?? []).flatMap((i) => i.records ?? []).map((line) => JSON.parse(line) as LogRecord)
  check(
    kept.some((r) => r.level === DEBUG),
    `the dump returns debug records kept in memory (${kept.filter((r) => r.level === DEBUG).length} of ${kept.length})`,
  )
  const recordId = record?.rules?.[0]?.id
  if (recordId) await ctl.run(['rm', 'svc=checkout', recordId])
}
