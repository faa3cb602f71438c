/**
 * Histogram captures on the control plane side: snapshots from NATS merged
 * per window across instances, a bounded history, and the GetHistogram /
 * WatchHistogram answers. See docs/histograms.md.
 */
export { CaptureDirectory, type CaptureInfo, graceFor } from './capture-directory.js'
export { expectedInstances, expectedToReport } from './expected-instances.js'
export { HistogramHub, type HistogramHubOptions, type WatchCall } from './histogram-hub.js'
export type { HistogramAnswer } from './histogram-queries.js'
export { type HistogramStats, REJECT_REASONS, type RejectReason } from './histogram-stats.js'
