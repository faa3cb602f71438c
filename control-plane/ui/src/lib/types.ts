import type { Rule } from '@prodbench/sdk/core'

/**
 * The JSON of the control plane's HTTP gateway (docs/ui.md), as the pages
 * use it. The server's shapes live in control-plane/src/http/json-views.ts.
 */

export type { Rule }

/** One service at a glance (ListServices). */
export interface ServiceSummary {
  service: string
  instances: number
  rules: number
  revision: number
}

/** How an instance is doing. */
export type Health = 'ok' | 'late' | 'refused'

/** A live instance, as the fleet list shows it. */
export interface InstanceSummary {
  service: string
  instance: string
  host: string
  pid: number
  sdkVersion: string
  startedAt: number
  uptimeMs: number
  lastSeen: number
  intervalMs: number
  reconnects: number
  appliedRevision: number
  configHash: string
  health: Health
  refusal?: { revision: number; reason: string }
  /** Set once quarantine exists (issue 5). */
  quarantined?: boolean
}

/** Where an effective level comes from. */
export interface LevelSource {
  ruleId?: string
  author?: string
  expiresAt?: number
  reason?: string
}

/** An instruments an instance registered. */
export interface MetricInfo {
  name: string
  kind: string
  unit?: string
  value?: number
  series?: number
}

/** A capture as an instance runs it. */
export interface ActiveCapture {
  captureId: string
  metric: string
  intervalMs: number
  metrics?: string[]
  refused?: string
  expiresAt?: number
}

/** A live instance with what it applied. */
export interface InstanceDetail extends InstanceSummary {
  levels: Array<{ logger: string; level: string; source?: LevelSource }>
  captures: ActiveCapture[]
  logs?: {
    budgetRecordsPerSec?: number
    recordsLastSec?: number
    ringRecords?: number
    tailDropped?: number
  }
  metrics: MetricInfo[]
}

/** How a change reached the instances. */
export interface Rollout {
  revision: number
  applied: string[]
  pending: string[]
  rejected: string[]
  elapsedMs: number
  complete: boolean
}

/** What SetRule / RemoveRules answer. */
export interface ChangeResponse {
  rules: Rule[]
  replacedIds: string[]
  rollout: Rollout
}

/** A service's status (GetStatus, and the service stream's snapshot). */
export interface ServiceStatus {
  now: number
  service: string
  revision: number
  rules: Rule[]
  instances: InstanceDetail[]
}

/** One window of a capture, merged (no `instance`) or one instance's. */
export interface HistogramWindow {
  captureId: string
  service: string
  metric: string
  instance?: string
  startMs: number
  endMs: number
  unit: string
  count: number
  sum: number
  min: number
  max: number
  mean: number
  percentiles: Array<{ quantile: number; value: number }>
  buckets: Array<{ le: number; count: number }>
  instances: string[]
  missing: string[]
}

/** The failure body of every request and of SSE `error` events. */
export interface ErrorBody {
  code: string
  message: string
  field?: string
  grpcStatus?: string
}
