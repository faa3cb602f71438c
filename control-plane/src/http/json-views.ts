import type { HistogramWindowInput, ScalarWindowInput } from '@prodbench/proto'
import type { InstanceRecord } from '../registry/index.js'

/**
 * The JSON the gateway answers with: registry records and stream windows
 * turned into plain values (numbers, strings, base64 for bytes), named like
 * the proto fields in lowerCamelCase.
 */

/** An instance is "late" past this many heartbeat intervals of silence (it stays live up to 3). */
export const LATE_INTERVALS = 1.5

/** How an instance is doing: `ok`, `late` (a heartbeat missed) or `refused` (its newest revision refused). */
export type Health = 'ok' | 'late' | 'refused'

/** One live instance as the fleet list shows it. */
export interface InstanceSummary {
  readonly service: string
  readonly instance: string
  readonly host: string
  readonly pid: number
  readonly sdkVersion: string
  readonly startedAt: number
  /** Uptime as the instance reported it at `lastSeen` (add the time since for now). */
  readonly uptimeMs: number
  readonly lastSeen: number
  readonly intervalMs: number
  readonly reconnects: number
  readonly appliedRevision: number
  readonly configHash: string
  readonly health: Health
  readonly refusal?: { readonly revision: number; readonly reason: string }
  /** True while its heartbeats report an active quarantine (out of traffic, kept for debugging). */
  readonly quarantined: boolean
  /** The quarantine in force: the rule, who, why, since when. */
  readonly quarantine?: {
    readonly ruleId: string
    readonly reason: string
    readonly author: string
    readonly since: number
  }
}

/** One live instance with what it applied: levels with provenance, captures, logging stats, instruments. */
export interface InstanceDetail extends InstanceSummary {
  readonly levels: ReadonlyArray<{
    readonly logger: string
    readonly level: string
    readonly source?: {
      readonly ruleId?: string
      readonly author?: string
      readonly expiresAt?: number
      readonly reason?: string
    }
  }>
  readonly captures: NonNullable<InstanceRecord['applied']>['captures']
  readonly logs: NonNullable<InstanceRecord['applied']>['logs'] | undefined
  readonly metrics: InstanceRecord['metrics']
  /** Its sanity checks as its last heartbeat listed them (last result, runs, failures, running, paused). */
  readonly checks: InstanceRecord['checks']
}

/** The fleet view of a record at `now`. */
export function instanceSummary(record: InstanceRecord, now: number): InstanceSummary {
  const { identity } = record
  // Heartbeats carry an empty refusal record (revision 0) before any refusal happened.
  const refusal = record.refusal && record.refusal.revision > 0 ? record.refusal : undefined
  const refused = refusal !== undefined && refusal.revision > record.appliedRevision
  const late = now - record.lastSeen > LATE_INTERVALS * record.intervalMs
  const quarantine = record.quarantine?.active ? record.quarantine : undefined
  return {
    service: record.service,
    instance: record.instance,
    host: identity.host ?? '',
    pid: identity.pid ?? 0,
    sdkVersion: identity.sdkVersion ?? '',
    startedAt: identity.startedAt ?? 0,
    uptimeMs: record.uptimeMs ?? 0,
    lastSeen: record.lastSeen,
    intervalMs: record.intervalMs,
    reconnects: record.reconnects,
    appliedRevision: record.appliedRevision,
    configHash: record.applied?.configHash ?? '',
    health: refused ? 'refused' : late ? 'late' : 'ok',
    ...(refusal ? { refusal } : {}),
    quarantined: quarantine !== undefined,
    ...(quarantine
      ? {
          quarantine: {
            ruleId: quarantine.ruleId ?? '',
            reason: quarantine.reason ?? '',
            author: quarantine.author ?? '',
            since: quarantine.since ?? 0,
          },
        }
      : {}),
  }
}

/** The service-page view of a record at `now`. */
export function instanceDetail(record: InstanceRecord, now: number): InstanceDetail {
  const applied = record.applied
  return {
    ...instanceSummary(record, now),
    levels: (applied?.levels ?? []).map((l) => ({
      logger: l.logger ?? '',
      level: l.level ?? '',
      ...(l.source?.ruleId ? { source: l.source } : {}),
    })),
    captures: applied?.captures ?? [],
    logs: applied?.logs,
    metrics: record.metrics,
    checks: record.checks,
  }
}

/** A histogram window without its bytes (`withHdr`: with them, base64) — live views do not need them. */
export function histogramWindowView(window: HistogramWindowInput, withHdr: boolean): Record<string, unknown> {
  const { hdr, ...rest } = window
  return withHdr ? { ...rest, hdr: base64(hdr) } : rest
}

/** A counter/gauge window as JSON. */
export function scalarWindowView(window: ScalarWindowInput): Record<string, unknown> {
  return { ...window }
}

function base64(bytes: unknown): string {
  if (bytes instanceof Uint8Array)
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
  return typeof bytes === 'string' ? bytes : ''
}
