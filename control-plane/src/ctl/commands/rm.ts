/** `ctl rm svc=S RULE_ID...`: remove rules by id. */
import type { Command } from '../args.js'
import { type Context, type Report, viewOf } from '../context.js'
import { removalReport } from './removal.js'

/** Runs `ctl rm` (RemoveRules by id). */
export async function rm(command: Extract<Command, { name: 'rm' }>, context: Context): Promise<Report> {
  const response = await context.client.removeRules({
    service: command.service,
    ruleIds: command.ruleIds,
    ...(command.reason ? { reason: command.reason } : {}),
    ...(command.waitMs ? { waitMs: command.waitMs } : {}),
  })
  const request = { command: 'rm' as const, target: command.service, ruleIds: command.ruleIds }
  return removalReport(request, response, viewOf(context))
}
