/** `ctl record svc=S level=L [logger=L] [inst=I] [--where ...] [--ttl D]`: record below the level into the ring. */
import type { RecordCommand } from '../args-logs.js'
import { type Context, type Report, viewOf } from '../context.js'
import { changeFields, ruleReport, selectorOf } from '../rule-report.js'

/** Runs `ctl record` (SetRule with a record action; --ttl 1h unless given, `--ttl 0` for none). */
export async function record(command: RecordCommand, context: Context): Promise<Report> {
  const selector = selectorOf(command)
  const change = changeFields(command)
  const response = await context.client.setRule({
    ...change,
    rule: { selector, record: { level: command.level }, ...change.rule },
  })
  const action = `record ${command.level}`
  return ruleReport({ command: 'record', selector, action, warnWithoutExpiry: true }, response, viewOf(context))
}
