/**
 * The production-as-a-bench part of the tour: sanity checks run on schedule
 * and on demand, an incident opened, read, acknowledged and closed, and one
 * instance quarantined (its readiness fails, it stays alive) then released.
 */

import type { Steps } from './steps.js'
import type { TourContext } from './tour.js'

/** `ctl --json incident open` as far as the tour reads it. */
interface IncidentJson {
  incident?: { id?: string; status?: string }
  id?: string
}

/** `ctl --json check run` as far as the tour reads it. */
interface CheckRunJson {
  results?: Array<{ result?: { ok?: boolean } }>
}

/** Runs the checks, incident and quarantine steps; failures go to `steps.failures`. */
export async function benchTour(ctx: TourContext, steps: Steps): Promise<void> {
  const { fleet, ctl } = ctx
  const { section, say, check, sleep } = steps
  const total = fleet.instances.length

  section('Sanity checks: db-ping on every instance, on schedule and on demand')
  say("The service registers it in code: pb.check('db-ping', () => pool.ping(), { every: '30s', timeout: '2s' }).")
  await ctl.show(['checks', 'svc=checkout'])
  await ctl.show(['check', 'run', 'svc=checkout', 'name=db-ping'])
  const run = await ctl.json<CheckRunJson>(['check', 'run', 'svc=checkout', 'name=db-ping'])
  const ok = (run?.results ?? []).filter((r) => r.result?.ok).length
  check(ok === total, `db-ping ran now on ${ok}/${total} instances and passed`)

  section('An incident: opened, read, acknowledged, closed')
  say('Asserts, failing checks, crashes and error logs open incidents by themselves; an operator can open one too.')
  const opened = await ctl.json<IncidentJson>([
    'incident',
    'open',
    'svc=checkout',
    '--title',
    'demo: customers report slow checkout',
  ])
  const id = opened?.incident?.id ?? opened?.id
  check(Boolean(id), `incident ${id ?? '?'} opened`)
  await ctl.show(['incidents', 'svc=checkout'])
  if (id) {
    await ctl.show(['incident', 'show', id])
    await ctl.show(['incident', 'ack', id, '--reason', 'demo: looking at it'])
    const closed = await ctl.show(['incident', 'close', id, '--reason', 'demo: done'])
    check(closed.code === 0, 'incident acknowledged, then closed')
  }
  if (fleet.uiUrl && id) say(`Its page, where alert links lead: ${fleet.uiUrl}#/incidents/${id}`)

  const target = fleet.instances[total - 1]
  if (!target) return
  section(`Quarantine ${target.label}: out of traffic, still alive for debugging`)
  const readiness = async () => (await fetch(new URL('/ready', target.url)).catch(() => undefined))?.status ?? 0
  const before = await readiness()
  await ctl.show(['quarantine', 'svc=checkout', `inst=${target.id}`, '--reason', 'demo: take it out', '--ttl', '2m'])
  await sleep(300)
  const during = await readiness()
  write(ctx, `  GET ${target.url}/ready → ${before} before, ${during} while quarantined`)
  check(before === 200 && during === 503, 'its readiness check fails while quarantined (load balancers drop it)')
  await ctl.show(['release', 'svc=checkout', `inst=${target.id}`])
  await sleep(300)
  const after = await readiness()
  write(ctx, `  GET ${target.url}/ready → ${after} after release`)
  check(after === 200, 'released: ready again')
}

function write(ctx: TourContext, line: string): void {
  ctx.write(line)
}
