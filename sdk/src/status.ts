import type { CheckInfoInput } from '@prodbench/proto'
import type { CaptureReport } from './control/capture-runner.js'
import type { StateFollower } from './control/state-follower.js'
import type { Level } from './core/index.js'
import type { Identity } from './identity.js'
import type { LogStats } from './logging/log-stats.js'
import type { LoggerLevel } from './logging/logger-registry.js'
import type { MetricInfo } from './metrics/metric-registry.js'
import type { QuarantineState } from './quarantine/quarantine.js'

/** Where a logger's level comes from, as shown by `status()`. */
export type LevelProvenance =
  | {
      readonly kind: 'rule'
      readonly ruleId: string
      readonly author: string
      readonly expiresAt?: number
      readonly reason?: string
    }
  | { readonly kind: 'code' }

/** What `pb.status()` returns. */
export interface SdkStatus {
  readonly service: string
  readonly instance: string
  /** `local` when the SDK was started without NATS. */
  readonly connection: 'local' | 'connecting' | 'connected' | 'disconnected' | 'closed'
  /** True once the desired state was read from NATS at least once. */
  readonly synced: boolean
  /** KV revision of the desired state last seen (applied or refused). */
  readonly revision: number
  readonly configHash: string
  /** Rules that apply to this instance now. */
  readonly rules: number
  readonly loggers: ReadonlyArray<{ readonly logger: string; readonly level: Level; readonly source: LevelProvenance }>
  readonly rejected: {
    readonly count: number
    readonly lastReason?: string
    readonly lastAt?: number
    readonly lastRevision?: number
  }
  readonly reconnects: number
  /** Captures run (or refused) by this instance. */
  readonly captures: ReadonlyArray<{
    readonly captureId: string
    readonly metric: string
    readonly intervalMs: number
    readonly metrics: readonly string[]
    readonly refused?: string
    readonly expiresAt?: number
  }>
  /**
   * Instruments registered with `pb.histogram()`, `pb.counter()`, `pb.gauge()`
   * (and the SDK's own `prodbench.sdk.*`), with their current value.
   */
  readonly metrics: readonly MetricInfo[]
  /** Histogram snapshots waiting for NATS, and dropped because the buffer was full. */
  readonly snapshots: { readonly buffered: number; readonly dropped: number }
  /** Log budget and its use, drops, sampling, flight recorder, tails and request rules. */
  readonly logs: LogStats
  /** Whether the instance is quarantined, why and since when. */
  readonly quarantine: QuarantineState
  /** Sanity checks and their last results. */
  readonly checks: readonly CheckInfoInput[]
  /** Failed asserts per message since start. */
  readonly asserts: Readonly<Record<string, number>>
  /**
   * Incident reports: sent (full and repeats), waiting for the control
   * plane's reply, acknowledged, dropped (outbox full), and error-log
   * occurrences not reported because they were over their rate.
   */
  readonly incidents: {
    readonly sent: number
    readonly pending: number
    readonly delivered: number
    readonly dropped: number
    readonly suppressed: number
  }
}

/** Builds `pb.status()` from the SDK's parts. */
export function statusOf(parts: {
  identity: Identity
  connection: SdkStatus['connection']
  follower: StateFollower
  levels: readonly LoggerLevel[]
  reconnects: number
  captures: CaptureReport[]
  metrics: MetricInfo[]
  snapshots: { buffered: number; dropped: number }
  logs: LogStats
  quarantine: QuarantineState
  checks: CheckInfoInput[]
  asserts: Record<string, number>
  incidents: SdkStatus['incidents']
}): SdkStatus {
  const { follower } = parts
  return {
    service: parts.identity.service,
    instance: parts.identity.instance,
    connection: parts.connection,
    synced: follower.synced,
    revision: follower.revision,
    configHash: follower.config.hash,
    rules: follower.config.rules.length,
    loggers: parts.levels.map(({ logger, level, source }) => ({
      logger,
      level,
      source:
        source.kind === 'rule'
          ? {
              kind: 'rule',
              ruleId: source.rule.id,
              author: source.rule.author,
              expiresAt: source.rule.expiresAt,
              reason: source.rule.reason,
            }
          : { kind: 'code' },
    })),
    rejected: { ...follower.rejections },
    reconnects: parts.reconnects,
    captures: parts.captures,
    metrics: parts.metrics,
    snapshots: parts.snapshots,
    logs: parts.logs,
    quarantine: parts.quarantine,
    checks: parts.checks,
    asserts: parts.asserts,
    incidents: parts.incidents,
  }
}
