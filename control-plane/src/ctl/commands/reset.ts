/** `ctl reset svc=S [logger=L] [inst=I]`: remove the overrides matching a selector. */
import type { Command } from '../args.js'
import { type Context, type Report, viewOf } from '../context.js'
import { selectorLabel } from '../format.js'
import { removalReport } from './removal.js'

/** Runs `ctl reset` (RemoveRules by selector). */
export async function reset(command: Extract<Command, { name: 'reset' }>, context: Context): Promise<Report> {
  const response = await context.client.removeRules({
    service: command.service,
    ruleIds: [],
    ...(command.logger ? { logger: command.logger } : {}),
    ...(command.instance ? { instance: command.instance } : {}),
    ...(command.reason ? { reason: command.reason } : {}),
    ...(command.waitMs ? { waitMs: command.waitMs } : {}),
  })
  return removalReport({ command: 'reset', target: selectorLabel(command) }, response, viewOf(context))
}
