/** `ctl check run svc=S name=N [inst=I] [--wait D]`: run a check now and print each instance's result. */
import type { RunCheckResponse } from '@prodbench/proto'
import type { CheckRunCommand } from '../args-incidents.js'
import { type Context, type Report, type View, viewOf } from '../context.js'
import { EXIT } from '../errors.js'
import { type Cell, table } from '../format.js'
import { durationText } from './checks.js'

/** Runs `ctl check run`. */
export async function checkRun(command: CheckRunCommand, context: Context): Promise<Report> {
  const response = await context.client.runCheck({
    service: command.service,
    name: command.check,
    ...(command.instance ? { instance: command.instance } : {}),
    ...(command.waitMs ? { waitMs: command.waitMs } : {}),
  })
  return checkRunReport(command, response, viewOf(context))
}

/**
 * "db-ping on checkout: 2/3 ok, 1 failed", a row per instance, and a `!`
 * line for the ones that did not answer. Exit 1 unless every instance asked
 * answered ok.
 */
export function checkRunReport(command: CheckRunCommand, response: RunCheckResponse, view: View): Report {
  const results = response.results ?? []
  const missing = response.missing ?? []
  const ok = results.filter((r) => !r.error && r.result?.ok).length
  const failed = results.length - ok
  const asked = results.length + missing.length
  const target = `${command.check} on ${command.service}${command.instance ? `@${command.instance}` : ''}`
  const parts = [
    `${ok}/${asked} ok`,
    ...(failed ? [`${failed} failed`] : []),
    ...(missing.length ? [`${missing.length} missing`] : []),
  ]
  const lines = [
    asked === 0
      ? `${view.style.bold(target)}: no live instances to run it on`
      : `${view.style.bold(target)}: ${parts.join(', ')}`,
  ]
  if (results.length > 0) {
    const rows = results.map((r): Cell[] => {
      const good = !r.error && r.result?.ok
      return [
        r.identity?.instance ?? '?',
        good ? { text: 'ok', paint: view.style.green } : { text: 'FAILED', paint: view.style.red },
        r.result ? durationText(r.result.durationMs ?? 0) : '-',
        r.error || r.result?.error || '',
      ]
    })
    lines.push('', ...table(['INSTANCE', 'RESULT', 'DURATION', 'ERROR'], rows, { header: view.style.bold, right: [2] }))
  }
  if (missing.length > 0) lines.push(`${view.style.red('!')} no answer in time from ${missing.join(', ')}`)
  const exitCode = asked > 0 && ok === asked ? EXIT.OK : EXIT.NOT_APPLIED
  const summary = { command: 'check run', target, ok, failed, missing, exitCode }
  return { exitCode, lines, json: { summary, ...response } }
}
