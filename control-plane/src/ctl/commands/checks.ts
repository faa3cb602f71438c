/** `ctl checks svc=S [inst=I]`: each live instance's sanity checks, from their heartbeats. */
import type { CheckInfoMessage, ListChecksResponse } from '@prodbench/proto'
import { formatDuration } from '@prodbench/sdk/core'
import type { ChecksCommand } from '../args-incidents.js'
import { type Context, plural, type Report, type View, viewOf } from '../context.js'
import { EXIT } from '../errors.js'
import { type Cell, relativeTime, table } from '../format.js'
import { formatCount } from '../format-units.js'

/** Runs `ctl checks`. */
export async function checks(command: ChecksCommand, context: Context): Promise<Report> {
  return checksReport(command, await context.client.listChecks(command.service), viewOf(context))
}

/**
 * One row per check and instance: interval (and the rule that changed it),
 * state (ok, FAILING, paused, running, not run yet), the last result, runs
 * and failures. Exit 1 when inst= is not live.
 */
export function checksReport(command: ChecksCommand, response: ListChecksResponse, view: View): Report {
  const instances = (response.instances ?? []).filter((i) => !command.instance || i.instance === command.instance)
  const rows: Cell[][] = []
  let failing = 0
  for (const { instance = '?', checks = [] } of instances) {
    for (const check of [...checks].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''))) {
      if (check.last && !check.last.ok) failing++
      rows.push(checkRow(instance, check, view))
    }
  }
  const names = new Set(instances.flatMap((i) => (i.checks ?? []).map((c) => c.name)))
  const missing = command.instance !== undefined && instances.length === 0
  const exitCode = missing ? EXIT.NOT_APPLIED : EXIT.OK
  const json = { summary: { command: 'checks', checks: names.size, failing, exitCode }, ...response }
  if (missing) return { exitCode, json, lines: [`${command.instance} is not a live instance of ${command.service}`] }
  const header = `${command.service}: ${plural(names.size, 'check')} on ${plural(instances.length, 'live instance')}`
  if (rows.length === 0) {
    return { exitCode, json, lines: [`${header}; register one in code with pb.check(name, fn, { every })`] }
  }
  const lines = [
    view.style.bold(header),
    '',
    ...table(['CHECK', 'INSTANCE', 'EVERY', 'STATE', 'LAST', 'RESULT', 'RUNS', 'FAILURES'], rows, {
      right: [6, 7],
      header: view.style.bold,
      ...(view.width ? { maxWidth: view.width } : {}),
    }),
  ]
  return { exitCode, json, lines }
}

function checkRow(instance: string, check: CheckInfoMessage, view: View): Cell[] {
  const last = check.last
  const every = `${formatDuration(check.everyMs ?? 0)}${check.ruleId ? ` (rule ${check.ruleId})` : ''}`
  const state: Cell = check.paused
    ? { text: 'paused', paint: view.style.yellow }
    : check.running
      ? 'running'
      : !last
        ? { text: 'not run yet', paint: view.style.dim }
        : last.ok
          ? { text: 'ok', paint: view.style.green }
          : { text: 'FAILING', paint: view.style.red }
  const result = !last ? '' : last.ok ? `ok in ${durationText(last.durationMs ?? 0)}` : (last.error ?? 'failed')
  return [
    check.name ?? '?',
    instance,
    every,
    state,
    last?.at ? relativeTime(last.at, view.now) : '-',
    result,
    formatCount(check.runs ?? 0),
    formatCount(check.failures ?? 0),
  ]
}

/** "3.1ms", "1.2s". */
export function durationText(ms: number): string {
  return ms < 1_000 ? `${Number(ms.toPrecision(3))}ms` : `${Number((ms / 1_000).toPrecision(3))}s`
}
