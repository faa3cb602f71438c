import type { HistogramSnapshotMessage, IncidentReportMessage } from '@prodbench/proto'
import { describeZodError, InstanceId, ServiceName } from '@prodbench/sdk/core'
import { z } from 'zod'

/**
 * An IncidentReport off NATS → a checked report the store can trust, or a
 * refusal with its reason. Whatever is merely too big is trimmed (and the
 * trim said in the context): an incident is worth more than a tidy one.
 */

/** The incident kinds an SDK reports. */
export const INCIDENT_KINDS = ['assert', 'check', 'uncaught', 'unhandled-rejection', 'error-log', 'manual'] as const
/** One of {@link INCIDENT_KINDS}. */
export type IncidentKind = (typeof INCIDENT_KINDS)[number]

/** Why a report was refused. */
export const REPORT_REJECT_REASONS = [
  /** The subject is not `pb.v1.incident.<service>.<instance>`. */
  'subject',
  /** The bytes are not an IncidentReport protobuf. */
  'protobuf',
  /** No identity, bad names, or an identity other than the subject's. */
  'identity',
  /** A required field is missing or wrong: kind, fingerprint, count of a repeat, times. */
  'fields',
  /** Too many distinct errors in flight at once: the ingest queue is full. */
  'limit',
] as const
/** One of {@link REPORT_REJECT_REASONS}. */
export type ReportRejectReason = (typeof REPORT_REJECT_REASONS)[number]

/** Bounds of what one incident keeps from its first report. */
export const REPORT_LIMITS = Object.freeze({
  titleChars: 300,
  messageChars: 4_096,
  stackChars: 16_384,
  /** Record bytes kept; the first records (the request's own) are kept first. */
  recordBytes: 512 * 1024,
  contextKeys: 64,
  contextValueChars: 1_024,
  histograms: 32,
  /** Encoded HdrHistogram bytes per snapshot; bigger ones are left out. */
  hdrBytes: 64 * 1024,
})

/** Far-future times are refused: a clock this wrong would sort the incident first forever. */
const MAX_CLOCK_SKEW_MS = 24 * 60 * 60_000

const Fields = z.object({
  service: ServiceName,
  instance: InstanceId,
  kind: z.enum(INCIDENT_KINDS),
  fingerprint: z.string().regex(/^[A-Za-z0-9:_.-]{1,128}$/, 'must be 1-128 letters, digits, ":", "_", "." or "-"'),
  count: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  at: z.number().int().positive(),
  lastAt: z.number().int().positive(),
})

/** A report that passed the checks, trimmed to {@link REPORT_LIMITS}. */
export interface CheckedReport {
  readonly service: string
  readonly instance: string
  readonly kind: IncidentKind
  readonly fingerprint: string
  readonly title: string
  /** Occurrences it stands for (≥ 1). */
  readonly count: number
  readonly at: number
  readonly lastAt: number
  readonly repeat: boolean
  readonly quarantineRequested: boolean
  /** The report as stored in the incident's `first` (trimmed; undefined for a repeat). */
  readonly full: IncidentReportMessage | undefined
}

/** The outcome of {@link checkReport}. */
export type ReportCheck =
  | { readonly ok: true; readonly report: CheckedReport }
  | { readonly ok: false; readonly reason: ReportRejectReason; readonly detail: string }

/** Checks a decoded report against the subject tokens it came on. `now` fills missing times. */
export function checkReport(
  message: IncidentReportMessage,
  subject: { service: string; instance: string },
  now: number,
): ReportCheck {
  const identity = message.identity
  if (!identity?.service || !identity.instance) return refuse('identity', 'no identity')
  if (identity.service !== subject.service || identity.instance !== subject.instance) {
    return refuse('identity', `identity ${identity.service}/${identity.instance} does not match its subject`)
  }
  const repeat = message.repeat === true
  const at = message.at || now
  const parsed = Fields.safeParse({
    service: identity.service,
    instance: identity.instance,
    kind: message.kind ?? '',
    fingerprint: message.fingerprint ?? '',
    // A first report that says no count stands for one occurrence; a repeat must say how many.
    count: message.count || (repeat ? 0 : 1),
    at,
    lastAt: Math.max(message.lastAt || at, at),
  })
  if (!parsed.success) {
    const names = parsed.error.issues.map((issue) => String(issue.path[0]))
    const reason = names.every((n) => n === 'service' || n === 'instance') ? 'identity' : 'fields'
    return refuse(reason, describeZodError(parsed.error))
  }
  const fields = parsed.data
  if (fields.lastAt > now + MAX_CLOCK_SKEW_MS) return refuse('fields', `last_at ${fields.lastAt} is in the future`)
  const title = cut(message.title?.trim() || defaultTitle(message), REPORT_LIMITS.titleChars)
  return {
    ok: true,
    report: {
      ...fields,
      title,
      repeat,
      quarantineRequested: message.quarantineRequested === true,
      full: repeat ? undefined : trimmed(message, title, fields.count, at, fields.lastAt),
    },
  }
}

/** "TypeError: x is undefined", the assert or check name, or the kind. */
function defaultTitle(message: IncidentReportMessage): string {
  const error = message.error
  const head = [error?.type, error?.message].filter(Boolean).join(': ')
  return head || message.name || message.kind || 'incident'
}

function trimmed(
  message: IncidentReportMessage,
  title: string,
  count: number,
  at: number,
  lastAt: number,
): IncidentReportMessage {
  const context: Record<string, string> = {}
  const entries = Object.entries(message.context ?? {})
  for (const [key, value] of entries.slice(0, REPORT_LIMITS.contextKeys)) {
    context[cut(key, 128)] = cut(String(value), REPORT_LIMITS.contextValueChars)
  }
  if (entries.length > REPORT_LIMITS.contextKeys) context.prodbench_context_trimmed = String(entries.length)
  const records: string[] = []
  let bytes = 0
  for (const record of message.records ?? []) {
    if (bytes + record.length > REPORT_LIMITS.recordBytes) break
    records.push(record)
    bytes += record.length
  }
  const allRecords = message.records?.length ?? 0
  if (records.length < allRecords) context.prodbench_records_trimmed = `kept ${records.length} of ${allRecords}`
  const histograms = (message.histograms ?? [])
    .filter((h: HistogramSnapshotMessage) => (h.hdr?.length ?? 0) <= REPORT_LIMITS.hdrBytes)
    .slice(0, REPORT_LIMITS.histograms)
  return {
    ...message,
    title,
    count,
    at,
    lastAt,
    error: {
      type: cut(message.error?.type ?? '', 256),
      message: cut(message.error?.message ?? '', REPORT_LIMITS.messageChars),
      stack: cut(message.error?.stack ?? '', REPORT_LIMITS.stackChars),
    },
    records,
    context,
    histograms,
  }
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

function refuse(reason: ReportRejectReason, detail: string): ReportCheck {
  return { ok: false, reason, detail }
}
