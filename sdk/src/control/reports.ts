import type { AckInput, AppliedConfigInput, HeartbeatInput } from '@prodbench/proto'
import type { EffectiveConfig } from '../core/index.js'
import type { Identity } from '../identity.js'
import { type LogStats, logStatsMessage } from '../logging/log-stats.js'
import type { LoggerLevel } from '../logging/logger-registry.js'
import type { MetricInfo } from '../metrics/metric-registry.js'
import type { CaptureReport } from './capture-runner.js'
import type { RejectionStats } from './state-follower.js'

/** What an instance runs now, in the wire shape of `prodbench.v1.AppliedConfig`. */
export function appliedConfig(
  config: EffectiveConfig,
  levels: readonly LoggerLevel[],
  rejections: RejectionStats,
  captures: readonly CaptureReport[] = [],
  logs?: LogStats,
): AppliedConfigInput {
  return {
    ...(logs ? { logs: logStatsMessage(logs) } : {}),
    revision: config.revision,
    configHash: config.hash,
    levels: levels.map(({ logger, level, source }) => ({
      logger,
      level,
      source:
        source.kind === 'rule'
          ? {
              ruleId: source.rule.id,
              author: source.rule.author,
              expiresAt: source.rule.expiresAt ?? 0,
              reason: source.rule.reason ?? '',
            }
          : {},
    })),
    rejected: {
      count: rejections.count,
      lastReason: rejections.lastReason ?? '',
      lastAt: rejections.lastAt ?? 0,
      lastRevision: rejections.lastRevision ?? 0,
    },
    captures: captures.map((c) => ({ ...c, refused: c.refused ?? '', expiresAt: c.expiresAt ?? 0 })),
  }
}

/** The wire identity of an instance. */
export function identityMessage(identity: Identity) {
  return { ...identity }
}

/** An ack for `revision`: ok, or refused with `error`. */
export function ackMessage(
  identity: Identity,
  revision: number,
  applied: AppliedConfigInput,
  now: number,
  error?: string,
): AckInput {
  return {
    identity: identityMessage(identity),
    revision,
    ok: error === undefined,
    error: error ?? '',
    applied,
    at: now,
  }
}

/** A heartbeat; `leaving` on the last one sent by `close()`. */
export function heartbeatMessage(
  identity: Identity,
  applied: AppliedConfigInput,
  intervalMs: number,
  reconnects: number,
  now: number,
  leaving = false,
  metrics: readonly MetricInfo[] = [],
  snapshotsDropped = 0,
): HeartbeatInput {
  return {
    metrics: metrics.map((m) => ({ ...m })),
    snapshotsDropped,
    identity: identityMessage(identity),
    applied,
    uptimeMs: now - identity.startedAt,
    intervalMs,
    leaving,
    reconnects,
    at: now,
  }
}
