import type { Level } from './core/index.js'
import type { MetricInfo } from './metrics/metric-registry.js'

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
}
