/**
 * `ctl set-level svc=S LEVEL [logger=L] [inst=I] [--where user=42]`: add a
 * level rule (for matching requests only, with --where) and report how it rolled out.
 */
import type { ChangeResponse } from '@prodbench/proto'
import type { Command } from '../args.js'
import { type Context, type Report, type View, viewOf } from '../context.js'
import { EXIT } from '../errors.js'
import { clockTime, rolloutLines, selectorLabel, summarizeRollout } from '../format.js'

type SetLevelCommand = Extract<Command, { name: 'set-level' }>

/** Runs `ctl set-level`. */
export async function setLevel(command: SetLevelCommand, context: Context): Promise<Report> {
  const selector = {
    service: command.service,
    ...(command.logger ? { logger: command.logger } : {}),
    ...(command.instance ? { instance: command.instance } : {}),
    ...(command.where ? { where: command.where } : {}),
  }
  const response = await context.client.setRule({
    rule: {
      selector,
      level: command.level,
      ...(command.ttlMs ? { ttlMs: command.ttlMs } : {}),
      ...(command.reason ? { reason: command.reason } : {}),
    },
    ...(command.waitMs ? { waitMs: command.waitMs } : {}),
  })
  return setLevelReport(command, response, viewOf(context))
}

/**
 * The report of a SetRule response: "debug on checkout/db: applied on 3/3
 * instances in 14 ms (expires 02:15:00)"; exit 1 unless every live instance
 * applied it. The expiry shown is the server's (it may apply a default or cap).
 */
export function setLevelReport(command: SetLevelCommand, response: ChangeResponse, view: View): Report {
  const rule = response.rules?.[0]
  const target = selectorLabel(
    rule?.selector ?? {
      service: command.service,
      logger: command.logger,
      instance: command.instance,
      ...(command.where ? { where: command.where } : {}),
    },
  )
  const level = rule?.level ?? command.level
  const expiresAt = rule?.expiresAt || undefined
  const expiry = expiresAt ? `expires ${clockTime(expiresAt, view.now)}` : 'no expiry'
  const rollout = summarizeRollout(response.rollout)
  const ok = rollout.complete || rollout.total === 0
  const [first = '', ...more] = rolloutLines(rollout, view.style, ` (${expiry})`)
  const headline = `${view.style.bold(`${level} on ${target}`)}: ${first}`
  const replaced = response.replacedIds ?? []
  const lines = [
    headline,
    ...more,
    ...(replaced.length > 0 ? [view.style.dim(`replaced rule ${replaced.join(', ')}`)] : []),
  ]
  const exitCode = ok ? EXIT.OK : EXIT.NOT_APPLIED
  const summary = {
    command: 'set-level',
    target,
    level,
    ruleId: rule?.id,
    expiresAt: expiresAt ?? null,
    ...rollout,
    exitCode,
    text: lines.join('\n'),
  }
  return { exitCode, lines, json: { summary, ...response } }
}
