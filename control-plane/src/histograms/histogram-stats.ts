import { MergeCounters } from './refusal-counters.js'

/**
 * Counters of the histogram merger: what was merged, refused (and why), late,
 * lost, and dropped on the way to slow watchers. Reported by
 * `ControlPlane.stats().histograms`; nothing here is ever thrown.
 */

/** Why a snapshot was refused. */
export const REJECT_REASONS = [
  /** The subject does not have the `pb.v1.hist.<service>.<capture>.<instance>` shape. */
  'subject',
  /** The bytes are not a HistogramSnapshot protobuf. */
  'protobuf',
  /** Service, capture id or instance in the message do not match the subject (or are not valid names). */
  'identity',
  /** A field is invalid: metric name, unit, interval, non-finite figures, end far in the future. */
  'fields',
  /** No active capture has this id (never existed, removed, expired, or another service's). */
  'unknown-capture',
  /** The capture's metric pattern does not cover the snapshot's metric. */
  'metric',
  /** The hdr bytes do not decode as an HdrHistogram, or cannot be merged. */
  'hdr',
  /** The unit differs from the unit of the other snapshots of the window. */
  'unit',
  /** The instance already has a snapshot in this window. */
  'duplicate',
  /** Tracking it would pass a memory bound (series or open windows). */
  'limit',
] as const

/** One of {@link REJECT_REASONS}. */
export type RejectReason = (typeof REJECT_REASONS)[number]

/** A snapshot of the counters. */
export interface HistogramStats {
  /** Snapshots merged into a window. */
  readonly accepted: number
  /** Snapshots refused, all reasons. */
  readonly rejected: number
  readonly rejectedByReason: Readonly<Record<RejectReason, number>>
  /** The last refusal, with its detail. */
  readonly lastRejection: string | undefined
  /** Valid snapshots that arrived after their window closed (not merged). */
  readonly late: number
  /** Snapshots never received, from gaps in each (capture, metric, instance) sequence. */
  readonly lost: number
  readonly windowsClosed: number
  /** Windows dropped from WatchHistogram queues of clients that did not keep up. */
  readonly streamDrops: number
  /** Closed windows dropped from the history early to stay within the memory budget. */
  readonly evicted: number
  /** Capture rules in force now, as this control plane knows them. */
  readonly captures: number
  /** (capture, metric) series tracked now. */
  readonly series: number
  /** Bytes held by the kept history now (encoded histograms). */
  readonly historyBytes: number
  /** WatchHistogram streams open now. */
  readonly watchers: number
}

/** The mutable counters behind {@link HistogramStats}. */
export class HistogramCounters extends MergeCounters<
  RejectReason,
  Pick<HistogramStats, 'captures' | 'series' | 'historyBytes' | 'watchers'>
> {
  constructor() {
    super(REJECT_REASONS)
  }
}
