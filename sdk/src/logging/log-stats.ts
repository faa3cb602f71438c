import { type EffectiveConfig, type Rule, ruleIds } from '../core/index.js'
import type { LogCount } from './log-counts.js'
import type { LogEngine } from './log-engine.js'

/** A log rule in force besides plain levels, as status and heartbeats show it. */
export interface ActiveLogRule {
  readonly ruleId: string
  readonly kind: 'level' | 'sample' | 'record' | 'tail'
  readonly logger?: string
  readonly where?: Readonly<Record<string, string>>
  readonly level?: string
  readonly rate?: number
  readonly author: string
  readonly expiresAt?: number
  readonly reason?: string
}

/** How the instance's logging runs now: budget and its use, drops, sampling, recorder, tails. */
export interface LogStats {
  readonly budget: { readonly recordsPerSec: number; readonly bytesPerSec: number; readonly ruleId?: string }
  readonly lastSecond: { readonly records: number; readonly bytes: number }
  readonly dropped: readonly LogCount[]
  readonly sampledOut: readonly LogCount[]
  readonly rules: readonly ActiveLogRule[]
  readonly recorder: { readonly records: number; readonly bytes: number } | undefined
  readonly tailDropped: number
}

function active(rule: Rule, kind: ActiveLogRule['kind']): ActiveLogRule {
  const level = rule.level ?? rule.sample?.level ?? rule.record?.level ?? rule.tail?.level
  return {
    ruleId: rule.id,
    kind,
    ...(rule.selector.logger ? { logger: rule.selector.logger } : {}),
    ...(rule.selector.where ? { where: rule.selector.where } : {}),
    ...(level ? { level } : {}),
    ...(rule.sample ? { rate: rule.sample.rate } : {}),
    author: rule.author,
    ...(rule.expiresAt ? { expiresAt: rule.expiresAt } : {}),
    ...(rule.reason ? { reason: rule.reason } : {}),
  }
}

/** Names the log rules (and budget rule) of `config`: equal keys, the same {@link LogStats} rules. */
export function logRulesKey(config: EffectiveConfig): string {
  return `${ruleIds(config.requestRules)}|${ruleIds(config.samples)}|${ruleIds(config.records)}|${ruleIds(config.tails)}|${config.budget?.id ?? ''}`
}

/** The engine's figures and the config's log rules, for status, acks and heartbeats. */
export function logStats(engine: LogEngine, config: EffectiveConfig): LogStats {
  const { limits, ruleId } = engine.budget
  return {
    budget: { ...limits, ...(ruleId ? { ruleId } : {}) },
    lastSecond: engine.budget.lastSecond,
    dropped: engine.budget.dropped.list(),
    sampledOut: engine.sampler.sampledOut.list(),
    rules: [
      ...config.requestRules.map((r) => active(r, 'level')),
      ...config.samples.map((r) => active(r, 'sample')),
      ...config.records.map((r) => active(r, 'record')),
      ...config.tails.map((r) => active(r, 'tail')),
    ],
    recorder: engine.recorder?.size,
    tailDropped: engine.tails.dropped,
  }
}

/** {@link LogStats} in the wire shape of `prodbench.v1.LogStats`. */
export function logStatsMessage(stats: LogStats) {
  return {
    budgetRecordsPerSec: stats.budget.recordsPerSec,
    budgetBytesPerSec: stats.budget.bytesPerSec,
    budgetRuleId: stats.budget.ruleId ?? '',
    recordsLastSec: stats.lastSecond.records,
    bytesLastSec: stats.lastSecond.bytes,
    dropped: stats.dropped.map((c) => ({ ...c })),
    sampledOut: stats.sampledOut.map((c) => ({ ...c })),
    rules: stats.rules.map((r) => ({
      ruleId: r.ruleId,
      kind: r.kind,
      logger: r.logger ?? '',
      where: { ...r.where },
      level: r.level ?? '',
      rate: r.rate ?? 0,
      author: r.author,
      expiresAt: r.expiresAt ?? 0,
      reason: r.reason ?? '',
    })),
    ringRecords: stats.recorder?.records ?? 0,
    ringBytes: stats.recorder?.bytes ?? 0,
    tailDropped: stats.tailDropped,
  }
}
