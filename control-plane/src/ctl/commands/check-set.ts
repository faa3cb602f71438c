/** `ctl check set svc=S name=N [inst=I] [every=D] [--pause|--resume] [--ttl D]`: change a check live. */
import type { CheckSetCommand } from '../args-incidents.js'
import { type Context, type Report, viewOf } from '../context.js'
import { changeFields, ruleReport, selectorOf } from '../rule-report.js'

/** Runs `ctl check set` (SetRule with a check action). */
export async function checkSet(command: CheckSetCommand, context: Context): Promise<Report> {
  const { rule, ...wait } = changeFields(command)
  const check = {
    name: command.check,
    ...(command.everyMs ? { everyMs: command.everyMs } : {}),
    ...(command.paused !== undefined ? { paused: command.paused } : {}),
  }
  const response = await context.client.setRule({
    rule: { selector: selectorOf(command), check, ...rule },
    ...wait,
  })
  const action = command.paused ? `pause check ${command.check}` : `check ${command.check}`
  return ruleReport(
    { command: 'check set', selector: selectorOf(command), action, warnWithoutExpiry: command.paused === true },
    response,
    viewOf(context),
  )
}
