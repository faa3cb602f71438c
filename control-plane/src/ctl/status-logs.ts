/**
 * The logging part of `ctl status`, from what each instance reports in its
 * heartbeats and acks (`AppliedConfig.logs`): the log rules in force beyond
 * plain levels (request levels, sampling, recording, tails), each
 * instance's budget and its use in the last second, drops and records
 * sampled out, and the flight recorder's fill. Pure.
 */
import type { InstanceInfoMessage, LogStatsMessage } from '@prodbench/proto'
import type { View } from './context.js'
import { type Cell, relativeTime, table } from './format.js'
import { percent, whereText } from './format-logs.js'
import { formatCount, formatShare, formatValue } from './format-units.js'

type ActiveRule = NonNullable<LogStatsMessage['rules']>[number]

/** The tables, each preceded by an empty line; none when no instance reports log stats. */
export function logStatusLines(instances: readonly InstanceInfoMessage[], view: View): string[] {
  const reporting = instances.filter((instance) => instance.applied?.logs)
  if (reporting.length === 0) return []
  const options = { header: view.style.bold, ...(view.width ? { maxWidth: view.width } : {}) }
  const lines: string[] = []
  const rules = ruleRows(instances, view)
  if (rules.length > 0) lines.push('', ...table(['LOG RULE', 'ACTION', 'TARGET', 'ON', 'SOURCE'], rules, options))
  const sorted = [...reporting].sort((a, b) => (a.identity?.instance ?? '').localeCompare(b.identity?.instance ?? ''))
  lines.push(
    '',
    ...table(['INSTANCE', 'BUDGET/S', 'LAST SECOND', 'DROPPED', 'SAMPLED OUT'], budgetRows(sorted, view), {
      ...options,
      right: [3, 4],
    }),
  )
  const counts = countRows(sorted)
  if (counts.length > 0) {
    lines.push(
      '',
      ...table(['INSTANCE', 'LOGGER', 'LEVEL', 'DROPPED', 'SAMPLED OUT'], counts, { ...options, right: [3, 4] }),
    )
  }
  lines.push(
    '',
    ...table(['INSTANCE', 'FLIGHT RECORDER', 'TAIL DROPS'], recorderRows(sorted), { ...options, right: [2] }),
  )
  return lines
}

/** One row per active log rule: what it does, on which loggers and requests, on how many instances. */
function ruleRows(instances: readonly InstanceInfoMessage[], view: View): Cell[][] {
  const byId = new Map<string, { rule: ActiveRule; on: string[] }>()
  for (const instance of instances) {
    for (const rule of instance.applied?.logs?.rules ?? []) {
      const id = rule.ruleId ?? '?'
      const row = byId.get(id) ?? { rule, on: [] }
      row.on.push(instance.identity?.instance ?? '?')
      byId.set(id, row)
    }
  }
  return [...byId.entries()]
    .sort(
      ([, a], [, b]) =>
        (a.rule.kind ?? '').localeCompare(b.rule.kind ?? '') ||
        (a.rule.logger ?? '').localeCompare(b.rule.logger ?? ''),
    )
    .map(([id, { rule, on }]) => [
      id,
      { text: ruleAction(rule), paint: view.style.yellow },
      `${rule.logger || '(all loggers)'}${whereText(rule.where)}`,
      on.length === instances.length ? 'all' : on.join(', '),
      `by ${rule.author || '?'}, ${rule.expiresAt ? `expires ${relativeTime(rule.expiresAt, view.now)}` : 'no expiry'}`,
    ])
}

function ruleAction(rule: ActiveRule): string {
  switch (rule.kind) {
    case 'sample':
      return `sample ${rule.level ?? '?'} ${percent(rule.rate ?? 0)}`
    case 'record':
      return `record ${rule.level ?? '?'}`
    case 'tail':
      return `tail ${rule.level || 'effective level'}`
    case 'level':
      return `${rule.level ?? '?'} for matching requests`
    default:
      return `${rule.kind ?? '?'} ${rule.level ?? ''}`.trim()
  }
}

/** One row per instance: the budget and where it comes from, its use in the last second, drops, sampling. */
function budgetRows(instances: readonly InstanceInfoMessage[], view: View): Cell[][] {
  return instances.map((instance) => {
    const logs = instance.applied?.logs as LogStatsMessage
    const records = logs.budgetRecordsPerSec ?? 0
    const bytes = logs.budgetBytesPerSec ?? 0
    const limits = [
      ...(records ? [`${formatCount(records)} rec`] : []),
      ...(bytes ? [formatValue(bytes, 'bytes')] : []),
    ]
    const source = logs.budgetRuleId ? `rule ${logs.budgetRuleId}` : 'code'
    const usedRecords = logs.recordsLastSec ?? 0
    // The larger of the two shares is how close the instance is to dropping.
    const share = Math.max(records ? usedRecords / records : 0, bytes ? (logs.bytesLastSec ?? 0) / bytes : 0)
    const dropped = sum(logs.dropped)
    return [
      instance.identity?.instance ?? '?',
      `${limits.length > 0 ? limits.join(', ') : 'no limit'} (${source})`,
      `${formatCount(usedRecords)} rec, ${formatValue(logs.bytesLastSec ?? 0, 'bytes')}${limits.length > 0 ? ` (${formatShare(share, 1)})` : ''}`,
      dropped > 0 ? { text: formatCount(dropped), paint: view.style.red } : '0',
      formatCount(sum(logs.sampledOut)),
    ]
  })
}

/** One row per instance: what its flight recorder holds, and tail records it could not send. */
function recorderRows(instances: readonly InstanceInfoMessage[]): Cell[][] {
  return instances.map((instance) => {
    const logs = instance.applied?.logs as LogStatsMessage
    return [
      instance.identity?.instance ?? '?',
      `${formatCount(logs.ringRecords ?? 0)} records, ${formatValue(logs.ringBytes ?? 0, 'bytes')}`,
      formatCount(logs.tailDropped ?? 0),
    ]
  })
}

/** Non-zero drop and sampling counts per instance, logger and level. */
function countRows(instances: readonly InstanceInfoMessage[]): Cell[][] {
  const rows: Cell[][] = []
  for (const instance of instances) {
    const logs = instance.applied?.logs
    const counts = new Map<string, { logger: string; level: string; dropped: number; sampled: number }>()
    const add = (list: LogStatsMessage['dropped'], field: 'dropped' | 'sampled') => {
      for (const count of list ?? []) {
        const key = `${count.logger ?? ''}\u0000${count.level ?? ''}`
        const row = counts.get(key) ?? { logger: count.logger ?? '', level: count.level ?? '?', dropped: 0, sampled: 0 }
        row[field] += count.count ?? 0
        counts.set(key, row)
      }
    }
    add(logs?.dropped, 'dropped')
    add(logs?.sampledOut, 'sampled')
    for (const row of counts.values()) {
      if (row.dropped === 0 && row.sampled === 0) continue
      rows.push([
        instance.identity?.instance ?? '?',
        row.logger || '(root)',
        row.level,
        formatCount(row.dropped),
        formatCount(row.sampled),
      ])
    }
  }
  return rows
}

function sum(counts: LogStatsMessage['dropped']): number {
  return (counts ?? []).reduce((total, count) => total + (count.count ?? 0), 0)
}
