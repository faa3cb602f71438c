import { MergeCounters } from '../histograms/index.js'

/**
 * Counters of the counter/gauge merger: what was merged, refused (and why),
 * late, lost, and dropped on the way to slow watchers. Reported by
 * `ControlPlane.stats().scalars`; nothing here is ever thrown.
 */

/** Why a ScalarSnapshot was refused. */
export const SCALAR_REJECT_REASONS = [
  /** The subject does not have the `pb.v1.scalars.<service>.<capture>.<instance>` shape. */
  'subject',
  /** The bytes are not a ScalarSnapshot protobuf. */
  'protobuf',
  /** Service, capture id or instance in the message do not match the subject (or are not valid names). */
  'identity',
  /** A field is invalid: interval, metric name, kind, unit, labels, non-finite figures, end far in the future. */
  'fields',
  /** No active capture has this id (never existed, removed, expired, or another service's). */
  'unknown-capture',
  /** The capture's metric pattern does not cover one of the points' metrics. */
  'metric',
  /** A series' kind or unit differs from what other instances sent for it in the window. */
  'conflict',
  /** The instance already has a snapshot in this window. */
  'duplicate',
  /** Tracking it would pass a memory bound (series per window, open windows). */
  'limit',
] as const

/** One of {@link SCALAR_REJECT_REASONS}. */
export type ScalarRejectReason = (typeof SCALAR_REJECT_REASONS)[number]

/** A snapshot of the counters. */
export interface ScalarStats {
  /** Snapshots merged into a window. */
  readonly accepted: number
  /** Snapshots refused, all reasons. */
  readonly rejected: number
  readonly rejectedByReason: Readonly<Record<ScalarRejectReason, number>>
  /** The last refusal, with its detail. */
  readonly lastRejection: string | undefined
  /** Valid snapshots that arrived after their window closed (not merged). */
  readonly late: number
  /** Snapshots never received, from gaps in each (capture, instance) sequence. */
  readonly lost: number
  readonly windowsClosed: number
  /** Windows dropped from WatchMetrics queues of clients that did not keep up. */
  readonly streamDrops: number
  /** Closed windows dropped from the history early to stay within the memory budget. */
  readonly evicted: number
  /** Captures with counter/gauge windows tracked now. */
  readonly captures: number
  /** Bytes held by the kept history now (an estimate). */
  readonly historyBytes: number
  /** WatchMetrics streams open now. */
  readonly watchers: number
}

/** The mutable counters behind {@link ScalarStats}. */
export class ScalarCounters extends MergeCounters<
  ScalarRejectReason,
  Pick<ScalarStats, 'captures' | 'historyBytes' | 'watchers'>
> {
  constructor() {
    super(SCALAR_REJECT_REASONS)
  }
}
