import type { CheckRunReplyMessage, HistogramSnapshotMessage, IncidentMessage } from '@prodbench/proto'
import { decodeHdr, summarize } from '@prodbench/sdk/metrics'
import { type IncidentFacts, incidentFacts } from '../incidents/incident-model.js'

/**
 * Incidents and check runs as the gateway answers them: plain JSON named
 * like the proto fields in lowerCamelCase, an incident's histogram windows
 * summarized on the server (percentiles and a few display buckets from each
 * snapshot's HdrHistogram bytes), so the page that alert links open needs
 * no HdrHistogram decoder and no chart library to show the essentials.
 */

/** Quantiles of each histogram window of an incident: p50, p90, p99, p99.9 and max. */
export const INCIDENT_QUANTILES: readonly number[] = [0.5, 0.9, 0.99, 0.999, 1]
/** Display buckets of each window's distribution. */
const DISPLAY_BUCKETS = 16

/** An incident in a list: everything but its first report. */
export interface IncidentSummaryView extends IncidentFacts {
  readonly link: string
  readonly ackedBy?: string
  readonly ackedAt?: number
  readonly closedBy?: string
  readonly closedAt?: number
  readonly alertsSent: number
}

/** One histogram window of an incident, summarized. */
export interface IncidentWindowView {
  readonly metric: string
  readonly instance: string
  readonly captureId: string
  readonly unit: string
  readonly startMs: number
  readonly endMs: number
  /** Exact figures from the snapshot. */
  readonly count: number
  readonly sum: number
  readonly min: number
  readonly max: number
  readonly mean: number
  /** At {@link INCIDENT_QUANTILES}; empty when the window is empty or its bytes do not decode. */
  readonly percentiles: Array<{ quantile: number; value: number }>
  readonly buckets: Array<{ le: number; count: number }>
}

/** An incident with its first report: the error, context, records and windows. */
export interface IncidentDetailView extends IncidentSummaryView {
  readonly first?: {
    readonly instance: string
    readonly kind: string
    readonly name: string
    readonly title: string
    readonly at: number
    readonly error: { readonly type: string; readonly message: string; readonly stack: string }
    /** pino JSON lines, oldest first: the request's own records, then the instance's recent ones. */
    readonly records: string[]
    /** How many of `records` are the request's own (absent from an older SDK). */
    readonly ownRecords?: number
    readonly context: Record<string, string>
    readonly histograms: IncidentWindowView[]
  }
}

/** The summary of an incident (lists, the live feed, answers to ack and close). */
export function incidentSummaryView(incident: IncidentMessage): IncidentSummaryView {
  return {
    ...incidentFacts(incident),
    link: incident.link ?? '',
    ...(incident.ackedBy ? { ackedBy: incident.ackedBy, ackedAt: incident.ackedAt ?? 0 } : {}),
    ...(incident.closedBy ? { closedBy: incident.closedBy, closedAt: incident.closedAt ?? 0 } : {}),
    alertsSent: incident.alertsSent ?? 0,
  }
}

/** The incident page's view: the summary and the first report, windows summarized. */
export function incidentDetailView(incident: IncidentMessage): IncidentDetailView {
  const first = incident.first
  if (!first) return incidentSummaryView(incident)
  return {
    ...incidentSummaryView(incident),
    first: {
      instance: first.identity?.instance ?? '',
      kind: first.kind ?? '',
      name: first.name ?? '',
      title: first.title ?? '',
      at: first.at ?? 0,
      error: {
        type: first.error?.type ?? '',
        message: first.error?.message ?? '',
        stack: first.error?.stack ?? '',
      },
      records: first.records ?? [],
      ...(first.ownRecords !== undefined
        ? { ownRecords: Math.min(Number(first.ownRecords), (first.records ?? []).length) }
        : {}),
      context: first.context ?? {},
      histograms: (first.histograms ?? []).map(windowView),
    },
  }
}

/** A histogram snapshot with percentiles and buckets from its HdrHistogram (exact figures kept as sent). */
export function windowView(snapshot: HistogramSnapshotMessage): IncidentWindowView {
  const count = snapshot.count ?? 0
  let percentiles: IncidentWindowView['percentiles'] = []
  let buckets: IncidentWindowView['buckets'] = []
  if (count > 0 && snapshot.hdr && snapshot.hdr.length > 0) {
    try {
      const summary = summarize(decodeHdr(snapshot.hdr), { quantiles: INCIDENT_QUANTILES, buckets: DISPLAY_BUCKETS })
      percentiles = summary.percentiles
      buckets = summary.buckets
    } catch {
      // A window whose bytes do not decode still shows its exact figures.
    }
  }
  return {
    metric: snapshot.metric ?? '',
    instance: snapshot.instance ?? '',
    captureId: snapshot.captureId ?? '',
    unit: snapshot.unit ?? '',
    startMs: snapshot.startMs ?? 0,
    endMs: snapshot.endMs ?? 0,
    count,
    sum: snapshot.sum ?? 0,
    min: snapshot.min ?? 0,
    max: snapshot.max ?? 0,
    mean: count > 0 ? (snapshot.sum ?? 0) / count : 0,
    percentiles,
    buckets,
  }
}

/** One instance's answer to RunCheck. */
export interface CheckRunView {
  readonly instance: string
  readonly name: string
  readonly result?: { ok: boolean; durationMs: number; error: string; at: number; trigger: string }
  /** Why it did not run (unknown check, a reply that did not decode). */
  readonly error?: string
}

/** A RunCheck reply as JSON. */
export function checkRunView(reply: CheckRunReplyMessage): CheckRunView {
  const result = reply.result
  return {
    instance: reply.identity?.instance ?? '',
    name: reply.name ?? '',
    ...(result
      ? {
          result: {
            ok: result.ok ?? false,
            durationMs: result.durationMs ?? 0,
            error: result.error ?? '',
            at: result.at ?? 0,
            trigger: result.trigger ?? '',
          },
        }
      : {}),
    ...(reply.error ? { error: reply.error } : {}),
  }
}
