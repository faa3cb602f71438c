/** What reset, rm and capture stop print: the rules removed and how the change rolled out. */
import type { ChangeResponse } from '@prodbench/proto'
import { plural, type Report, type View } from '../context.js'
import { EXIT } from '../errors.js'
import { actionHeader, actionText, rolloutLines, selectorLabel, summarizeRollout, table } from '../format.js'

/** What was asked to be removed. */
export interface RemovalRequest {
  command: 'reset' | 'rm' | 'capture stop' | 'release'
  /** The selector (reset) or service (rm) the removal was scoped to. */
  target: string
  /** Ids asked for by rm or capture stop; ids the server did not remove are reported as not found. */
  ruleIds?: readonly string[]
}

/**
 * The report of a RemoveRules response. Exit 1 when the rollout is incomplete
 * or rm named ids that were not removed; removing nothing by selector is fine.
 */
export function removalReport(request: RemovalRequest, response: ChangeResponse, view: View): Report {
  const removed = response.rules ?? []
  const removedIds = new Set(removed.map((rule) => rule.id))
  const notFound = (request.ruleIds ?? []).filter((id) => !removedIds.has(id))
  const rollout = summarizeRollout(response.rollout)
  const lines: string[] = []
  if (removed.length === 0) {
    lines.push(request.ruleIds ? 'nothing removed' : `nothing to remove: no rules match ${request.target}`)
  } else {
    lines.push(view.style.bold(`removed ${plural(removed.length, 'rule')} from ${request.target}:`))
    const rows = removed.map((rule) => [
      rule.id ?? '?',
      selectorLabel(rule.selector),
      actionText(rule),
      rule.author ?? '',
    ])
    const indented = table(['ID', 'TARGET', actionHeader(removed), 'AUTHOR'], rows, {
      header: view.style.dim,
      ...(view.width ? { maxWidth: view.width - 2 } : {}),
    })
    lines.push(...indented.map((line) => `  ${line}`))
    lines.push(...rolloutLines(rollout, view.style))
  }
  if (notFound.length > 0) lines.push(`${view.style.red('not found:')} ${notFound.join(', ')}`)
  const applied = removed.length === 0 || rollout.complete || rollout.total === 0
  const exitCode = applied && notFound.length === 0 ? EXIT.OK : EXIT.NOT_APPLIED
  const summary = {
    command: request.command,
    target: request.target,
    removed: [...removedIds],
    notFound,
    ...rollout,
    exitCode,
    text: lines.join('\n'),
  }
  return { exitCode, lines, json: { summary, ...response } }
}
