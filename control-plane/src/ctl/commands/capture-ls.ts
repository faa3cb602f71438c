/** `ctl capture ls svc=S`: the capture rules of a service. */
import type { ListRulesResponse, RuleMessage } from '@prodbench/proto'
import { formatDuration } from '@prodbench/sdk/core'
import type { CaptureLsCommand } from '../args-hist.js'
import { type Context, plural, type Report, type View, viewOf } from '../context.js'
import { EXIT } from '../errors.js'
import { expiryText, table } from '../format.js'

/** Runs `ctl capture ls` (ListRules, captures only). */
export async function captureLs(command: CaptureLsCommand, context: Context): Promise<Report> {
  return captureLsReport(command, await context.client.listRules(command.service), viewOf(context))
}

/** Whether a rule is a capture (rather than a level). */
export function isCapture(rule: RuleMessage): boolean {
  return rule.capture !== undefined && rule.capture !== null
}

/** The report of a ListRules response, keeping the capture rules. */
export function captureLsReport(command: CaptureLsCommand, response: ListRulesResponse, view: View): Report {
  const captures = (response.rules ?? []).filter(isCapture)
  const revision = response.revision ?? 0
  const json = {
    summary: {
      command: 'capture ls',
      service: command.service,
      captures: captures.length,
      revision,
      exitCode: EXIT.OK,
    },
    captures,
    revision,
  }
  if (captures.length === 0) {
    const line = `no captures for ${command.service}: start one with \`ctl capture start svc=${command.service} metric=NAME\``
    return { exitCode: EXIT.OK, json, lines: [line] }
  }
  const rows = captures.map((rule) => [
    rule.id ?? '?',
    { text: rule.capture?.metric ?? '?', paint: view.style.yellow },
    formatDuration(rule.capture?.intervalMs ?? 0),
    rule.selector?.instance || 'all',
    rule.author ?? '',
    expiryText(rule.expiresAt, view.now),
    rule.reason ?? '',
  ])
  const lines = [
    view.style.bold(`${command.service}: ${plural(captures.length, 'capture')}, revision ${revision}`),
    ...table(['ID', 'METRIC', 'EVERY', 'INSTANCES', 'AUTHOR', 'EXPIRES', 'REASON'], rows, {
      header: view.style.bold,
      ...(view.width ? { maxWidth: view.width } : {}),
    }),
  ]
  return { exitCode: EXIT.OK, json, lines }
}
