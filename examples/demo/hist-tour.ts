/**
 * The histogram part of the tour: start a capture of the checkout service's
 * request durations, read the merged distribution once (`ctl hist show`),
 * follow it live per instance into an .hlog file (`ctl hist watch`), list and
 * stop the capture. Every command is the real ctl, with its real output.
 */

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { paint } from './pretty.js'
import type { Steps } from './steps.js'
import type { TourContext } from './tour.js'

/** The metric the tour captures: every request, recorded by `pb.httpHandler`. */
const METRIC = 'http.server.duration'
/** How long the watch runs before the demo stops it: about three 1 s windows. */
const WATCH_MS = 3_000
/** Lines of the .hlog file shown, and the width they are cut to. */
const HLOG_LINES = 10
const HLOG_WIDTH = 110

/** `ctl --json capture ls` as far as the tour reads it. */
interface CaptureLsJson {
  captures?: Array<{ id?: string; capture?: { metric?: string } }>
}

/** Runs the histogram steps after the log-level ones; failures go to `steps.failures`. */
export async function histogramTour(ctx: TourContext, steps: Steps): Promise<void> {
  const { fleet, ctl, write } = ctx
  const { section, say, check, sleep } = steps
  const total = fleet.instances.length

  section('"Where does the time go?": capture the request-duration histogram')
  say('Every instance records each request into HDR histograms all the time (pb.httpHandler), locally and cheaply.')
  say('A capture is a rule like a level: while it lasts, each instance publishes one delta histogram per interval.')
  const start = await ctl.show([
    'capture',
    'start',
    'svc=checkout',
    `metric=${METRIC}`,
    '--interval',
    '1s',
    '--ttl',
    '30s',
  ])
  check(
    start.code === 0 && start.stdout.includes(`${total}/${total} instances`),
    `capture started and applied on ${total}/${total} instances (${start.ms} ms incl. ctl start-up)`,
  )
  const captureId = /capture (r-[\w-]+) on/.exec(start.stdout)?.[1]

  section('The fleet-wide distribution, merged by the control plane')
  say('Windows are aligned on the wall clock, so every instance’s 1 s window merges with the others’.')
  await sleep(3_000)
  const shown = await ctl.show(['hist', 'show', 'svc=checkout', `metric=${METRIC}`, '--windows', '3'])
  // The figures checked are the ones printed above: "count 1,234" and "2/2 instances".
  const count = Number(/^count ([\d,]+)/m.exec(shown.stdout)?.[1]?.replaceAll(',', '') ?? 0)
  const [, present = '0', seen = '0'] = /(\d+)\/(\d+) instances/.exec(shown.stdout) ?? []
  check(shown.code === 0 && count > 0, `merged histogram of the last 3 windows holds ${count} requests`)
  check(
    Number(present) === total && Number(seen) === total,
    `instances ${present}/${seen} in the merged windows, none missing`,
  )

  section('Live, per instance, into a standard HdrHistogram log')
  const hlogPath = join(ctx.dataDir, 'checkout.hlog')
  const watch = await ctl.showFor(
    ['hist', 'watch', 'svc=checkout', `metric=${METRIC}`, '--per-instance', '--hlog', hlogPath],
    WATCH_MS,
  )
  const windows = Number(/stopped after (\d+) window/.exec(watch.stdout)?.[1] ?? 0)
  check(watch.code === 0 && windows >= 2, `hist watch showed ${windows} windows and ended cleanly on Ctrl-C`)

  write('')
  say(`The .hlog file (HistogramLogAnalyzer and every HdrHistogram port read it), first ${HLOG_LINES} lines:`)
  const hlog = await readFile(hlogPath, 'utf8').catch(() => '')
  const lines = hlog.split('\n')
  for (const line of lines.slice(0, HLOG_LINES)) {
    write(`  ${line.length > HLOG_WIDTH ? `${line.slice(0, HLOG_WIDTH - 1)}…` : line}`)
  }
  if (lines.length > HLOG_LINES) write(paint(90, `  … ${lines.filter(Boolean).length - HLOG_LINES} more lines`))
  const interval = /^\d+\.\d+,\d+\.\d+,\d+\.\d+,HISTF/
  const merged = lines.filter((line) => interval.test(line)).length
  const tagged = fleet.instances.map(
    (instance) =>
      lines.filter((line) => line.startsWith(`Tag=${instance.id},`) && interval.test(line.slice(line.indexOf(',') + 1)))
        .length,
  )
  check(
    merged > 0 && tagged.every((n) => n > 0),
    `hlog: ${merged} merged interval lines, ${fleet.instances.map((i, n) => `${tagged[n]} tagged Tag=${i.id}`).join(', ')}`,
  )

  section('Captures are rules: list them, stop one (or let its TTL end it)')
  const ls = await ctl.show(['capture', 'ls', 'svc=checkout'])
  check(ls.code === 0 && Boolean(captureId && ls.stdout.includes(captureId)), `capture ls lists ${captureId ?? '?'}`)
  write('')
  const stop = await ctl.show(['capture', 'stop', 'svc=checkout', captureId ?? '?'])
  const left = await ctl.json<CaptureLsJson>(['capture', 'ls', 'svc=checkout'])
  check(
    stop.code === 0 &&
      stop.stdout.includes(`${total}/${total} instances`) &&
      (left?.captures ?? []).every((c) => c.id !== captureId),
    `capture stopped on ${total}/${total} instances; no capture left`,
  )
}
