/** `ctl quarantine svc=S inst=I [--reason R] [--ttl D]`: take one instance out of traffic, kept alive. */
import type { QuarantineCommand } from '../args-incidents.js'
import { type Context, type Report, viewOf } from '../context.js'
import { changeFields, ruleReport } from '../rule-report.js'

/** Runs `ctl quarantine` (SetRule with a quarantine action naming the instance). */
export async function quarantine(command: QuarantineCommand, context: Context): Promise<Report> {
  const { rule, ...wait } = changeFields(command)
  const selector = { service: command.service, instance: command.instance }
  const response = await context.client.setRule({
    rule: { selector, quarantine: { ...(command.reason ? { reason: command.reason } : {}) }, ...rule },
    ...wait,
  })
  const report = ruleReport({ command: 'quarantine', selector, action: 'quarantine' }, response, viewOf(context))
  const next = [
    `its readiness check now fails: load balancers and Kubernetes take it out of traffic; it stays up for debugging`,
    `end it with: ctl release svc=${command.service} inst=${command.instance}`,
  ]
  return { ...report, lines: [...report.lines, ...next.map((line) => viewOf(context).style.dim(line))] }
}
