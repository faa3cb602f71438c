/** `ctl capture stop svc=S ID...`: remove capture rules by id. */
import type { ListRulesResponse } from '@prodbench/proto'
import type { CaptureStopCommand } from '../args-hist.js'
import { type Context, type Report, viewOf } from '../context.js'
import { EXIT } from '../errors.js'
import { removalReport } from './removal.js'

/**
 * Runs `ctl capture stop`. The ids are checked against the rules first, so a
 * level rule's id is refused (that is `ctl rm`'s job) instead of removed;
 * unknown ids go to the server, which answers NOT_FOUND.
 */
export async function captureStop(command: CaptureStopCommand, context: Context): Promise<Report> {
  const refused = notCaptures(command, await context.client.listRules(command.service))
  if (refused) return refused
  const response = await context.client.removeRules({
    service: command.service,
    ruleIds: command.ruleIds,
    ...(command.reason ? { reason: command.reason } : {}),
    ...(command.waitMs ? { waitMs: command.waitMs } : {}),
  })
  const request = { command: 'capture stop' as const, target: command.service, ruleIds: command.ruleIds }
  return removalReport(request, response, viewOf(context))
}

/** A report refusing the ids that name level rules, or undefined when there are none. */
export function notCaptures(command: CaptureStopCommand, rules: ListRulesResponse): Report | undefined {
  const levels = (rules.rules ?? []).filter((rule) => !rule.capture && command.ruleIds.includes(rule.id ?? ''))
  if (levels.length === 0) return undefined
  const ids = levels.map((rule) => rule.id ?? '?')
  const line = `not a capture: ${ids.join(', ')} (level rules; remove them with \`ctl rm svc=${command.service} ${ids.join(' ')}\`); nothing removed`
  const summary = { command: 'capture stop', target: command.service, removed: [], notCaptures: ids, exitCode: 1 }
  return { exitCode: EXIT.NOT_APPLIED, lines: [line], json: { summary: { ...summary, text: line } } }
}
