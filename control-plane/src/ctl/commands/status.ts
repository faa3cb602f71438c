/**
 * `ctl status svc=S`: the live instances of a service and, for each logger,
 * the level it runs at and why (the rule, its author and expiry, or the code);
 * then the log rules in force (request levels, sampling, recording, tails),
 * each instance's budget and use, drops and records sampled out.
 */
import type { EffectiveLevelMessage, GetStatusResponse, InstanceInfoMessage } from '@prodbench/proto'
import type { Command } from '../args.js'
import { type Context, plural, type Report, type View, viewOf } from '../context.js'
import { EXIT } from '../errors.js'
import { type Cell, relativeTime, shortDuration, table } from '../format.js'
import { logStatusLines } from '../status-logs.js'
import { instanceCell, quarantineLines } from '../status-quarantine.js'

type StatusCommand = Extract<Command, { name: 'status' }>

/** Runs `ctl status`. */
export async function status(command: StatusCommand, context: Context): Promise<Report> {
  return statusReport(command, await context.client.getStatus(command.service), viewOf(context))
}

/** The report of a GetStatus response. */
export function statusReport(command: StatusCommand, response: GetStatusResponse, view: View): Report {
  const service = response.service || command.service
  const instances = response.instances ?? []
  const revision = response.revision ?? 0
  const ruleCount = response.rules?.length ?? 0
  const json = {
    summary: { command: 'status', service, instances: instances.length, rules: ruleCount, revision, exitCode: EXIT.OK },
    ...response,
  }
  const header = `${service}: ${plural(instances.length, 'live instance')}, ${plural(ruleCount, 'rule')}, revision ${revision}`
  const lines = [view.style.bold(header)]
  if (instances.length === 0) {
    lines.push(`no live instances; rules apply as instances start (see \`ctl rules svc=${service}\`)`)
    return { exitCode: EXIT.OK, json, lines }
  }
  const tableOptions = { header: view.style.bold, ...(view.width ? { maxWidth: view.width } : {}) }
  lines.push(
    '',
    ...table(['INSTANCE', 'HOST', 'PID', 'UPTIME', 'REVISION', 'CONFIG'], instanceRows(instances, revision, view), {
      ...tableOptions,
      right: [2],
    }),
  )
  lines.push('', ...table(['LOGGER', 'LEVEL', 'ON', 'SOURCE'], levelRows(instances, view), tableOptions))
  const captures = captureRows(instances, view)
  if (captures.length > 0) {
    lines.push('', ...table(['CAPTURE', 'METRIC', 'EVERY', 'ON', 'METRICS'], captures, tableOptions))
  }
  lines.push(...logStatusLines(instances, view))
  lines.push(...quarantineLines(service, instances, view))
  for (const instance of instances) {
    const rejected = instance.applied?.rejected
    if (!rejected?.count) continue
    const id = instance.identity?.instance ?? '?'
    const times = rejected.count > 1 ? ` (${rejected.count} times)` : ''
    lines.push(
      `${view.style.red('!')} ${id} refused revision ${rejected.lastRevision ?? '?'}${times}: ${rejected.lastReason ?? ''}`,
    )
  }
  return { exitCode: EXIT.OK, json, lines }
}

function instanceRows(instances: InstanceInfoMessage[], revision: number, view: View): Cell[][] {
  return [...instances]
    .sort((a, b) => (a.identity?.instance ?? '').localeCompare(b.identity?.instance ?? ''))
    .map((instance) => {
      const applied = instance.applied?.revision ?? 0
      const behind = applied < revision
      return [
        instanceCell(instance, view),
        instance.identity?.host ?? '',
        String(instance.identity?.pid ?? ''),
        // From the start time, not the uptime of the last heartbeat, which is up to an interval old.
        shortDuration(
          instance.identity?.startedAt ? Math.max(0, view.now - instance.identity.startedAt) : (instance.uptimeMs ?? 0),
        ),
        behind ? { text: `${applied} (behind)`, paint: view.style.yellow } : String(applied),
        instance.applied?.configHash ?? '',
      ]
    })
}

interface LevelGroup {
  logger: string
  level: string
  source: EffectiveLevelMessage['source']
  instances: string[]
}

/** One row per (logger, level, source): instances that agree share a row. */
function levelRows(instances: InstanceInfoMessage[], view: View): Cell[][] {
  const groups = new Map<string, LevelGroup>()
  for (const instance of instances) {
    for (const effective of instance.applied?.levels ?? []) {
      const logger = effective.logger ?? ''
      const level = effective.level ?? '?'
      const key = `${logger}\u0000${level}\u0000${effective.source?.ruleId ?? ''}`
      const group = groups.get(key) ?? { logger, level, source: effective.source, instances: [] }
      group.instances.push(instance.identity?.instance ?? '?')
      groups.set(key, group)
    }
  }
  const sorted = [...groups.values()].sort(
    (a, b) => a.logger.localeCompare(b.logger) || b.instances.length - a.instances.length,
  )
  return sorted.map((group) => {
    const everywhere = group.instances.length === instances.length
    const on = everywhere ? 'all' : `${group.instances.length}/${instances.length}`
    const fromRule = Boolean(group.source?.ruleId)
    const where = everywhere ? '' : ` (on ${group.instances.join(', ')})`
    return [
      group.logger || '(root)',
      fromRule ? { text: group.level, paint: view.style.yellow } : group.level,
      on,
      `${sourceText(group.source, view)}${where}`,
    ]
  })
}

/** One row per capture: on how many instances it runs, what it matches there, who refused it. */
function captureRows(instances: InstanceInfoMessage[], view: View): Cell[][] {
  const byId = new Map<
    string,
    { metric: string; every: number; running: string[]; refused: string[]; metrics: Set<string> }
  >()
  for (const instance of instances) {
    const id = instance.identity?.instance ?? '?'
    for (const capture of instance.applied?.captures ?? []) {
      const key = capture.captureId ?? '?'
      const row = byId.get(key) ?? {
        metric: capture.metric ?? '',
        every: capture.intervalMs ?? 0,
        running: [],
        refused: [],
        metrics: new Set<string>(),
      }
      if (capture.refused) row.refused.push(id)
      else row.running.push(id)
      for (const metric of capture.metrics ?? []) row.metrics.add(metric)
      byId.set(key, row)
    }
  }
  return [...byId.entries()].map(([id, row]) => [
    id,
    row.metric,
    shortDuration(row.every),
    row.running.length === instances.length ? 'all' : `${row.running.length}/${instances.length}`,
    row.refused.length > 0
      ? { text: `refused on ${row.refused.join(', ')} (capture limit)`, paint: view.style.red }
      : row.metrics.size > 0
        ? [...row.metrics].sort().join(', ')
        : 'no matching metric yet',
  ])
}

function sourceText(source: EffectiveLevelMessage['source'], view: View): string {
  if (!source?.ruleId) return 'code default'
  // Relative only: the width goes to the instances list; `ctl rules` shows the clock time.
  const expiry = !source.expiresAt
    ? 'no expiry'
    : source.expiresAt > view.now
      ? `expires ${relativeTime(source.expiresAt, view.now)}`
      : `expired ${relativeTime(source.expiresAt, view.now)}`
  return `rule ${source.ruleId} by ${source.author || '?'}, ${expiry}`
}
