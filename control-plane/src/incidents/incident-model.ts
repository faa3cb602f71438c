import type { IncidentInput, IncidentMessage, IncidentReportMessage } from '@prodbench/proto'
import type { CheckedReport } from './report-check.js'

/**
 * What an incident is and how it changes, as pure functions: a batch of
 * reports folded together, an incident created from one or updated by one,
 * acked, closed, marked for a digest. No I/O, no clock: `now` comes in.
 */

/** The states of an incident, in the order it goes through them. */
export const INCIDENT_STATUSES = ['open', 'acked', 'closed'] as const
/** One of {@link INCIDENT_STATUSES}. */
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number]

/** Instances named in one incident; more still count, they are just not listed. */
export const MAX_LISTED_INSTANCES = 100

/** What every view of an incident shows of it (the webhook body, the UI's lists), absent fields empty. */
export interface IncidentFacts {
  readonly id: string
  readonly service: string
  readonly fingerprint: string
  readonly kind: string
  readonly title: string
  readonly status: string
  readonly firstAt: number
  readonly lastAt: number
  readonly count: number
  readonly instances: string[]
}

/** The {@link IncidentFacts} of a stored incident. */
export function incidentFacts(incident: IncidentMessage): IncidentFacts {
  return {
    id: incident.id ?? '',
    service: incident.service ?? '',
    fingerprint: incident.fingerprint ?? '',
    kind: incident.kind ?? '',
    title: incident.title ?? '',
    status: incident.status ?? '',
    firstAt: incident.firstAt ?? 0,
    lastAt: incident.lastAt ?? 0,
    count: incident.count ?? 0,
    instances: incident.instances ?? [],
  }
}

/** What a batch of reports of one (service, fingerprint) adds to its incident. */
export interface ReportFold {
  readonly service: string
  readonly fingerprint: string
  readonly kind: string
  readonly title: string
  /** Occurrences, summed over the reports (repeats included). */
  count: number
  /** Reporting instances, first seen first. */
  readonly instances: Set<string>
  firstAt: number
  lastAt: number
  /** The first full (non-repeat) report of the batch. */
  full: IncidentReportMessage | undefined
  /** Instances whose report asked to be quarantined. */
  readonly quarantine: Set<string>
  /** Reports folded in. */
  reports: number
}

/** Adds `report` to `fold` (a new fold when undefined) and returns it. */
export function foldReport(fold: ReportFold | undefined, report: CheckedReport): ReportFold {
  const into = fold ?? {
    service: report.service,
    fingerprint: report.fingerprint,
    kind: report.kind,
    title: report.title,
    count: 0,
    instances: new Set<string>(),
    firstAt: report.at,
    lastAt: report.lastAt,
    full: undefined,
    quarantine: new Set<string>(),
    reports: 0,
  }
  into.count += report.count
  into.reports++
  into.instances.add(report.instance)
  into.firstAt = Math.min(into.firstAt, report.at)
  into.lastAt = Math.max(into.lastAt, report.lastAt)
  if (!into.full && report.full) into.full = report.full
  if (report.quarantineRequested) into.quarantine.add(report.instance)
  return into
}

/** Adds every report of `from` to `into` (a fold put back after its write failed) and returns `into`. */
export function mergeFolds(into: ReportFold, from: ReportFold): ReportFold {
  into.count += from.count
  into.reports += from.reports
  for (const instance of from.instances) into.instances.add(instance)
  for (const instance of from.quarantine) into.quarantine.add(instance)
  into.firstAt = Math.min(into.firstAt, from.firstAt)
  into.lastAt = Math.max(into.lastAt, from.lastAt)
  into.full ??= from.full
  return into
}

/**
 * A new open incident from a fold. When `alerting`, its "new" alert counts
 * as sent: the control plane that creates it sends it.
 */
export function createIncident(
  id: string,
  fold: ReportFold,
  link: string,
  now: number,
  alerting: boolean,
): IncidentInput {
  return {
    id,
    service: fold.service,
    fingerprint: fold.fingerprint,
    kind: fold.kind,
    title: fold.full?.title || fold.title,
    status: 'open',
    firstAt: fold.firstAt,
    lastAt: fold.lastAt,
    count: fold.count,
    instances: [...fold.instances].slice(0, MAX_LISTED_INSTANCES),
    ...(fold.full ? { first: fold.full } : {}),
    link,
    alertsSent: alerting ? 1 : 0,
    alertedAt: now,
    alertedCount: fold.count,
  }
}

/** `incident` with the fold's occurrences added. */
export function applyFold(incident: IncidentMessage, fold: ReportFold): IncidentInput {
  const instances = [...(incident.instances ?? [])]
  for (const instance of fold.instances) {
    if (instances.length >= MAX_LISTED_INSTANCES) break
    if (!instances.includes(instance)) instances.push(instance)
  }
  return {
    ...incident,
    count: (incident.count ?? 0) + fold.count,
    instances,
    firstAt: Math.min(incident.firstAt || fold.firstAt, fold.firstAt),
    lastAt: Math.max(incident.lastAt ?? 0, fold.lastAt),
    // Created from a repeat (the full report went to a control plane that was down): take the first one seen.
    ...(!incident.first && fold.full ? { first: fold.full, title: fold.full.title || incident.title } : {}),
  }
}

/** Acked by `author`; an acked incident stays acked. */
export function ackIncident(incident: IncidentMessage, author: string, now: number): IncidentInput {
  if (incident.status === 'acked') return incident
  return { ...incident, status: 'acked', ackedBy: author, ackedAt: now }
}

/** Closed by `author`: the next occurrence of its error opens a new incident. */
export function closeIncident(incident: IncidentMessage, author: string, now: number): IncidentInput {
  if (incident.status === 'closed') return incident
  return { ...incident, status: 'closed', closedBy: author, closedAt: now }
}

/**
 * True when a digest is due: the incident is open (not acked: someone is on
 * it), its count grew since the last alert, and the last alert is at least
 * `digestMs` old.
 */
export function digestDue(incident: IncidentMessage, now: number, digestMs: number): boolean {
  return (
    incident.status === 'open' &&
    (incident.count ?? 0) > (incident.alertedCount ?? 0) &&
    now - (incident.alertedAt ?? 0) >= digestMs
  )
}

/** `incident` with a digest counted as sent at `now` for its current count. */
export function markDigest(incident: IncidentMessage, now: number): IncidentInput {
  return { ...incident, alertsSent: (incident.alertsSent ?? 0) + 1, alertedAt: now, alertedCount: incident.count ?? 0 }
}

/** The incident without its first report (records, histograms): what lists carry. */
export function summaryOf(incident: IncidentMessage): IncidentMessage {
  const { first: _first, ...summary } = incident
  return summary
}

/** Why a value read from the stream is not an incident of `subject`'s service and id, or undefined. */
export function storedIncidentProblem(incident: IncidentMessage, service: string, id: string): string | undefined {
  if (incident.id !== id) return `id ${JSON.stringify(incident.id)} is not the subject's ${id}`
  if (incident.service !== service) return `service ${JSON.stringify(incident.service)} is not the subject's ${service}`
  if (!incident.fingerprint) return 'no fingerprint'
  if (!(INCIDENT_STATUSES as readonly string[]).includes(incident.status ?? '')) {
    return `status ${JSON.stringify(incident.status)} is not open, acked or closed`
  }
  return undefined
}
