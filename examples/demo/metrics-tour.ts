/**
 * The counters-and-gauges part of the tour: list the instruments the
 * instances report in their heartbeats (`ctl metrics`), capture them, follow
 * them live as rates and values (`ctl watch`), stop the capture. Every
 * command is the real ctl, with its real output; the checks read a `--json`
 * watch run beside the one shown.
 */

import type { Steps } from './steps.js'
import type { TourContext } from './tour.js'

/** The capture's pattern: every instrument, so the counters and the gauges come in one stream. */
const PATTERN = '**'
/** How long the watches run before the demo stops them: about three 1 s windows. */
const WATCH_MS = 3_500
/** The instruments of examples/checkout the tour expects `ctl metrics` to list. */
const EXPECTED = ['orders.placed', 'orders.payments', 'db.pool.in_use', 'carts.open'] as const

/** One line of `ctl --json watch`: a ScalarWindow as far as the checks read it. */
interface WindowJson {
  series?: Array<{
    metric?: string
    kind?: string
    rate?: number
    max?: number
    instances?: Array<{ instance?: string; delta?: number; value?: number }>
  }>
  instances?: string[]
}

/** `ctl --json capture ls` as far as the tour reads it. */
interface CaptureLsJson {
  captures?: Array<{ id?: string }>
}

/** Runs the counter and gauge steps after the histogram ones; failures go to `steps.failures`. */
export async function metricsTour(ctx: TourContext, steps: Steps): Promise<void> {
  const { fleet, ctl } = ctx
  const { section, say, check, sleep } = steps
  const total = fleet.instances.length

  section('Counters and gauges: what each instance counts, no capture needed')
  say(
    'orders.placed and orders.payments{payment} are counters; db.pool.in_use is a gauge the pool sets, carts.open one read by callback.',
  )
  say('Heartbeats carry each instrument’s total or last value, so ctl metrics needs no capture.')
  const metrics = await ctl.show(['metrics', 'svc=checkout'])
  const listed = EXPECTED.filter((name) =>
    metrics.stdout.split('\n').some((line) => line.startsWith(`${name} `) && line.includes(`${total}/${total}`)),
  )
  check(
    metrics.code === 0 && listed.length === EXPECTED.length,
    `ctl metrics lists ${listed.join(', ') || 'none of them'} on ${total}/${total} instances`,
  )

  section('Live rates and values: capture them, watch them')
  say(
    'The same capture rule as for histograms: each instance now sends one snapshot of its counters and gauges per second.',
  )
  const start = await ctl.show([
    'capture',
    'start',
    'svc=checkout',
    `metric=${PATTERN}`,
    '--interval',
    '1s',
    '--ttl',
    '20s',
  ])
  check(
    start.code === 0 && start.stdout.includes(`${total}/${total} instances`),
    `capture started and applied on ${total}/${total} instances`,
  )
  const captureId = /capture (r-[\w-]+) on/.exec(start.stdout)?.[1]
  // Let one whole window close first, so the watch's backlog window is not the partial first one.
  await sleep(1_500)
  const [watch, json] = await Promise.all([
    ctl.showFor(['watch', 'svc=checkout'], WATCH_MS),
    ctl.runFor(['--json', 'watch', 'svc=checkout'], WATCH_MS),
  ])
  const windows = Number(/stopped after (\d+) window/.exec(watch.stdout)?.[1] ?? 0)
  check(watch.code === 0 && windows >= 2, `ctl watch showed ${windows} windows and ended cleanly on Ctrl-C`)

  const parsed = json.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      try {
        return JSON.parse(line) as WindowJson
      } catch {
        return {}
      }
    })
  const added = (metric: string, id: string) =>
    parsed.reduce(
      (sum, window) =>
        sum +
        (window.series ?? [])
          .filter((s) => s.metric === metric)
          .flatMap((s) => s.instances ?? [])
          .filter((i) => i.instance === id)
          .reduce((n, i) => n + (i.delta ?? 0), 0),
      0,
    )
  const placed = fleet.instances.map((i) => added('orders.placed', i.id))
  const rates = parsed.flatMap((w) =>
    (w.series ?? []).filter((s) => s.metric === 'orders.placed').map((s) => s.rate ?? 0),
  )
  // Every instance reports its counter each window, +0 included: a few seconds of random
  // traffic can leave one instance without an order, never without the series.
  const placedBy = new Set(
    parsed.flatMap((w) =>
      (w.series ?? [])
        .filter((s) => s.metric === 'orders.placed')
        .flatMap((s) => (s.instances ?? []).map((i) => i.instance)),
    ),
  )
  check(
    placedBy.size === total && rates.some((r) => r > 0),
    `orders.placed reported by ${placedBy.size}/${total} instances, rate > 0 ` +
      `(+${placed.join(', +')} in ${parsed.length} windows; peak ${Math.max(0, ...rates).toFixed(1)}/s merged)`,
  )
  const poolSeen = new Set(
    parsed.flatMap((w) =>
      (w.series ?? []).filter((s) => s.metric === 'db.pool.in_use').flatMap((s) => s.instances ?? []),
    ),
  )
  const poolInstances = new Set([...poolSeen].map((i) => i.instance))
  const poolPeak = Math.max(
    0,
    ...parsed.flatMap((w) => (w.series ?? []).filter((s) => s.metric === 'db.pool.in_use').map((s) => s.max ?? 0)),
  )
  check(
    fleet.instances.every((i) => poolInstances.has(i.id)) && poolPeak > 0,
    `gauge db.pool.in_use reported by ${poolInstances.size}/${total} instances, peak ${poolPeak} connections in use`,
  )

  const stop = await ctl.show(['capture', 'stop', 'svc=checkout', captureId ?? '?'])
  const left = await ctl.json<CaptureLsJson>(['capture', 'ls', 'svc=checkout'])
  check(
    stop.code === 0 &&
      stop.stdout.includes(`${total}/${total} instances`) &&
      (left?.captures ?? []).every((c) => c.id !== captureId),
    `capture stopped on ${total}/${total} instances; no capture left`,
  )
}
