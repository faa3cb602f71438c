/** `ctl rules svc=S`: the rules of a service, with who set them, why, and until when. */
import type { ListRulesResponse } from '@prodbench/proto'
import type { Command } from '../args.js'
import { type Context, plural, type Report, type View, viewOf } from '../context.js'
import { EXIT } from '../errors.js'
import { actionHeader, actionText, expiryText, selectorLabel, table } from '../format.js'

type RulesCommand = Extract<Command, { name: 'rules' }>

/** Runs `ctl rules`. */
export async function rules(command: RulesCommand, context: Context): Promise<Report> {
  return rulesReport(command, await context.client.listRules(command.service), viewOf(context))
}

/** The report of a ListRules response. */
export function rulesReport(command: RulesCommand, response: ListRulesResponse, view: View): Report {
  const list = response.rules ?? []
  const revision = response.revision ?? 0
  const json = {
    summary: { command: 'rules', service: command.service, rules: list.length, revision, exitCode: EXIT.OK },
    ...response,
  }
  if (list.length === 0) {
    const line = `no rules for ${command.service} (revision ${revision}): every logger runs at its code default`
    return { exitCode: EXIT.OK, json, lines: [line] }
  }
  const rows = list.map((rule) => [
    rule.id ?? '?',
    selectorLabel(rule.selector),
    { text: actionText(rule), paint: view.style.yellow },
    rule.author ?? '',
    expiryText(rule.expiresAt, view.now),
    rule.reason ?? '',
  ])
  const lines = [
    view.style.bold(`${command.service}: ${plural(list.length, 'rule')}, revision ${revision}`),
    ...table(['ID', 'TARGET', actionHeader(list), 'AUTHOR', 'EXPIRES', 'REASON'], rows, {
      header: view.style.bold,
      ...(view.width ? { maxWidth: view.width } : {}),
    }),
  ]
  return { exitCode: EXIT.OK, json, lines }
}
