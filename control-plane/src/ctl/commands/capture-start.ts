/**
 * `ctl capture start svc=S metric=M [inst=I]`: add a capture rule and report
 * how it rolled out, like set-level.
 */
import type { ChangeResponse } from '@prodbench/proto'
import { formatDuration } from '@prodbench/sdk/core'
import type { CaptureStartCommand } from '../args-hist.js'
import { type Context, type Report, type View, viewOf } from '../context.js'
import { EXIT } from '../errors.js'
import { clockTime, rolloutLines, selectorLabel, summarizeRollout } from '../format.js'

/** Runs `ctl capture start` (SetRule with a capture action). */
export async function captureStart(command: CaptureStartCommand, context: Context): Promise<Report> {
  const response = await context.client.setRule({
    rule: {
      selector: { service: command.service, ...(command.instance ? { instance: command.instance } : {}) },
      capture: { metric: command.metric, intervalMs: command.intervalMs },
      // 0 on the wire is "no expiry": what --ttl 0 asked for.
      ...(command.ttlMs ? { ttlMs: command.ttlMs } : {}),
      ...(command.reason ? { reason: command.reason } : {}),
    },
    ...(command.waitMs ? { waitMs: command.waitMs } : {}),
  })
  return captureStartReport(command, response, viewOf(context))
}

/**
 * The report of a SetRule response: "capture r-1a2b on checkout
 * metric=http.server.duration every 1s: applied on 3/3 instances in 12 ms
 * (expires 04:55:00)"; exit 1 unless every live instance applied it. A
 * capture without expiry comes with a warning.
 */
export function captureStartReport(command: CaptureStartCommand, response: ChangeResponse, view: View): Report {
  const rule = response.rules?.[0]
  const target = selectorLabel(rule?.selector ?? { service: command.service, instance: command.instance })
  const metric = rule?.capture?.metric ?? command.metric
  const intervalMs = rule?.capture?.intervalMs ?? command.intervalMs
  const expiresAt = rule?.expiresAt || undefined
  const expiry = expiresAt ? `expires ${clockTime(expiresAt, view.now)}` : 'no expiry'
  const rollout = summarizeRollout(response.rollout)
  const ok = rollout.complete || rollout.total === 0
  const [first = '', ...more] = rolloutLines(rollout, view.style, ` (${expiry})`)
  const what = `capture ${rule?.id ?? '?'} on ${target} metric=${metric} every ${formatDuration(intervalMs)}`
  const replaced = response.replacedIds ?? []
  const lines = [
    `${view.style.bold(what)}: ${first}`,
    ...more,
    ...(replaced.length > 0 ? [view.style.dim(`replaced capture ${replaced.join(', ')}`)] : []),
  ]
  const warnings = expiresAt
    ? []
    : [
        `capture ${rule?.id ?? '?'} has no expiry: it runs until \`ctl capture stop svc=${command.service} ${rule?.id ?? 'ID'}\``,
      ]
  const exitCode = ok ? EXIT.OK : EXIT.NOT_APPLIED
  const summary = {
    command: 'capture start',
    target,
    metric,
    intervalMs,
    ruleId: rule?.id,
    expiresAt: expiresAt ?? null,
    ...rollout,
    exitCode,
    text: lines.join('\n'),
  }
  return { exitCode, lines, json: { summary, ...response }, warnings }
}
