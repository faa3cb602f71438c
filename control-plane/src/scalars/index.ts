/**
 * Counter and gauge captures on the control plane side: ScalarSnapshots from
 * NATS merged per (capture, window) across instances, a bounded history, and
 * the WatchMetrics stream. See docs/metrics.md.
 */

export { ScalarHub, type ScalarHubOptions } from './scalar-hub.js'
export { patternsOverlap } from './scalar-queries.js'
export { SCALAR_REJECT_REASONS, type ScalarRejectReason, type ScalarStats } from './scalar-stats.js'
