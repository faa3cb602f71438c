/** `ctl budget svc=S [records=N] [bytes=SIZE] [inst=I]`: set the log budget of each instance. */
import type { BudgetCommand } from '../args-logs.js'
import { type Context, type Report, viewOf } from '../context.js'
import { budgetText } from '../format-logs.js'
import { changeFields, ruleReport, selectorOf } from '../rule-report.js'

/** Runs `ctl budget` (SetRule with a budget action; 0 on the wire keeps the code's limit). */
export async function budget(command: BudgetCommand, context: Context): Promise<Report> {
  const selector = selectorOf(command)
  const change = changeFields(command)
  const response = await context.client.setRule({
    ...change,
    rule: {
      selector,
      budget: { recordsPerSec: command.recordsPerSec ?? 0, bytesPerSec: command.bytesPerSec ?? 0 },
      ...change.rule,
    },
  })
  const action = `budget ${budgetText(command.recordsPerSec, command.bytesPerSec)}`
  return ruleReport({ command: 'budget', selector, action }, response, viewOf(context))
}
