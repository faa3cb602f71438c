/**
 * What the log rule commands (sample, budget, record) print after SetRule,
 * like set-level: "sample debug 10% on checkout/db: applied on 3/3 instances
 * in 12 ms (expires 02:15:00)", and exit 1 unless every live instance applied it.
 */
import type { ChangeResponse } from '@prodbench/proto'
import type { Report, View } from './context.js'
import { EXIT } from './errors.js'
import { actionText, clockTime, rolloutLines, selectorLabel, summarizeRollout } from './format.js'

/** What the command asked for, for the report when the response leaves something out. */
export interface RuleRequest {
  /** The command name (`sample`, `budget`, `record`). */
  command: string
  /** The selector asked for. */
  selector: { service: string; logger?: string; instance?: string; where?: Record<string, string> }
  /** What to say the rule does when the response has no rule (never, in practice). */
  action: string
  /** Warn when the rule has no expiry (record: below-level recording costs until removed). */
  warnWithoutExpiry?: boolean
}

/** The report of a SetRule response for one of the log rule commands. */
export function ruleReport(request: RuleRequest, response: ChangeResponse, view: View): Report {
  const rule = response.rules?.[0]
  const target = selectorLabel(rule?.selector ?? request.selector)
  const action = rule ? actionText(rule) : request.action
  const expiresAt = rule?.expiresAt || undefined
  const expiry = expiresAt ? `expires ${clockTime(expiresAt, view.now)}` : 'no expiry'
  const rollout = summarizeRollout(response.rollout)
  const ok = rollout.complete || rollout.total === 0
  const [first = '', ...more] = rolloutLines(rollout, view.style, ` (${expiry})`)
  const replaced = response.replacedIds ?? []
  const lines = [
    `${view.style.bold(`${action} on ${target}`)}: ${first}`,
    ...more,
    ...(replaced.length > 0 ? [view.style.dim(`replaced rule ${replaced.join(', ')}`)] : []),
  ]
  const service = request.selector.service
  const warnings =
    request.warnWithoutExpiry && !expiresAt
      ? [`rule ${rule?.id ?? '?'} has no expiry: it runs until \`ctl rm svc=${service} ${rule?.id ?? 'ID'}\``]
      : []
  const exitCode = ok ? EXIT.OK : EXIT.NOT_APPLIED
  const summary = {
    command: request.command,
    target,
    action,
    ruleId: rule?.id,
    expiresAt: expiresAt ?? null,
    ...rollout,
    exitCode,
    text: lines.join('\n'),
  }
  return { exitCode, lines, json: { summary, ...response }, warnings }
}

/** `{ service, logger?, instance?, where? }` with the absent parts left out, for a request's selector. */
export function selectorOf(command: {
  service: string
  logger?: string
  instance?: string
  where?: Record<string, string>
}): RuleRequest['selector'] {
  return {
    service: command.service,
    ...(command.logger ? { logger: command.logger } : {}),
    ...(command.instance ? { instance: command.instance } : {}),
    ...(command.where ? { where: command.where } : {}),
  }
}

/** The change options of a SetRule request: ttl, reason, wait. */
export function changeFields(command: { ttlMs?: number; reason?: string; waitMs?: number }) {
  return {
    rule: {
      ...(command.ttlMs ? { ttlMs: command.ttlMs } : {}),
      ...(command.reason ? { reason: command.reason } : {}),
    },
    ...(command.waitMs ? { waitMs: command.waitMs } : {}),
  }
}
