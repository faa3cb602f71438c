/** `ctl release svc=S inst=I`: remove the quarantine rules naming the instance. */
import type { ChangeResponse } from '@prodbench/proto'
import type { ReleaseCommand } from '../args-incidents.js'
import { type Context, type Report, viewOf } from '../context.js'
import { EXIT } from '../errors.js'
import { removalReport } from './removal.js'

/** Runs `ctl release`: lists the service's rules, removes its quarantine rules for the instance by id. */
export async function release(command: ReleaseCommand, context: Context): Promise<Report> {
  const { rules = [] } = await context.client.listRules(command.service)
  const ids = rules
    .filter((rule) => rule.quarantine && rule.selector?.instance === command.instance)
    .map((rule) => rule.id ?? '')
  const target = `${command.service}@${command.instance}`
  if (ids.length === 0) {
    const line = `${target} has no quarantine rule (see \`ctl status svc=${command.service}\`)`
    return {
      exitCode: EXIT.NOT_APPLIED,
      lines: [line],
      json: { summary: { command: 'release', target, removed: [], exitCode: EXIT.NOT_APPLIED } },
    }
  }
  const response: ChangeResponse = await context.client.removeRules({
    service: command.service,
    ruleIds: ids,
    ...(command.reason ? { reason: command.reason } : {}),
    ...(command.waitMs ? { waitMs: command.waitMs } : {}),
  })
  return removalReport({ command: 'release', target, ruleIds: ids }, response, viewOf(context))
}
