/** `ctl sample svc=S level=L rate=R [logger=L] [inst=I] [--where ...]`: add a sampling rule. */
import type { SampleCommand } from '../args-logs.js'
import { type Context, type Report, viewOf } from '../context.js'
import { percent } from '../format-logs.js'
import { changeFields, ruleReport, selectorOf } from '../rule-report.js'

/** Runs `ctl sample` (SetRule with a sample action). */
export async function sample(command: SampleCommand, context: Context): Promise<Report> {
  const selector = selectorOf(command)
  const change = changeFields(command)
  const response = await context.client.setRule({
    ...change,
    rule: { selector, sample: { level: command.level, rate: command.rate }, ...change.rule },
  })
  const action = `sample ${command.level} ${percent(command.rate)}`
  return ruleReport({ command: 'sample', selector, action }, response, viewOf(context))
}
