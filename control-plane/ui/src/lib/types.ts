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
  /** Live instances reporting an active quarantine. */
  quarantined?: number
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
  /** True while its heartbeats report an active quarantine. */
  quarantined?: boolean
  /** The quarantine in force: rule, who, why, since. */
  quarantine?: { ruleId: string; reason: string; author: string; since: number }
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
  /** Its sanity checks as its last heartbeat listed them. */
  checks?: CheckInfo[]
}

/** The result of one run of a check. */
export interface CheckResult {
  ok?: boolean
  durationMs?: number
  error?: string
  /** When it finished (unix ms). */
  at?: number
  /** "schedule" or "request". */
  trigger?: string
}

/** A sanity check registered with pb.check(), as heartbeats carry it. */
export interface CheckInfo {
  name: string
  everyMs?: number
  timeoutMs?: number
  paused?: boolean
  /** The rule that changed its interval or paused it. */
  ruleId?: string
  last?: CheckResult
  runs?: number
  failures?: number
  running?: boolean
}

/** One instance's answer to a run-now. */
export interface CheckRun {
  instance: string
  name: string
  result?: Required<CheckResult>
  /** Why it did not run (unknown check...). */
  error?: string
}

/** What a run-now answers. */
export interface CheckRunResponse {
  now: number
  results: CheckRun[]
  /** Live instances that did not answer in time. */
  missing: string[]
}

/** An incident in lists and the live feed (no first report). */
export interface IncidentSummary {
  id: string
  service: string
  fingerprint: string
  kind: string
  title: string
  status: 'open' | 'acked' | 'closed' | string
  firstAt: number
  lastAt: number
  count: number
  instances: string[]
  link: string
  ackedBy?: string
  ackedAt?: number
  closedBy?: string
  closedAt?: number
  alertsSent: number
}

/** One histogram window around an incident, summarized by the server. */
export interface IncidentWindow {
  metric: string
  instance: string
  captureId: string
  unit: string
  startMs: number
  endMs: number
  count: number
  sum: number
  min: number
  max: number
  mean: number
  percentiles: Array<{ quantile: number; value: number }>
  buckets: Array<{ le: number; count: number }>
}

/** An incident with its first report. */
export interface IncidentDetail extends IncidentSummary {
  first?: {
    instance: string
    kind: string
    name: string
    title: string
    at: number
    error: { type: string; message: string; stack: string }
    records: string[]
    /** How many of `records` are the request's own (absent from an older SDK). */
    ownRecords?: number
    context: Record<string, string>
    histograms: IncidentWindow[]
  }
}

/** One entry of the audit log. */
export interface AuditRecord {
  seq: number
  at: number
  who: string
  role?: string
  authorHint?: string
  peer?: string
  transport?: string
  method: string
  service?: string
  request?: string
  reason?: string
  result: string
  message?: string
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
