/**
 * Histogram captures on the control plane side: snapshots from NATS merged
 * per window across instances, a bounded history, and the GetHistogram /
 * WatchHistogram answers. See docs/histograms.md. The capture bookkeeping
 * (directory, tracker, expected instances, watch queues) is shared with the
 * counter/gauge merger in `../scalars`.
 */
export { CaptureDirectory, type CaptureInfo, graceFor, newestFirst } from './capture-directory.js'
export { CaptureTracker, type CaptureTrackerOptions, MAX_TIMER_MS } from './capture-tracker.js'
export { DeadlineTimer } from './deadline-timer.js'
export {
  type ActiveCapture,
  expectedBy,
  expectedToReport,
  WindowWaiting,
} from './expected-instances.js'
export { HistogramHub, type HistogramHubOptions, SWEEP_MS, type WatchCall } from './histogram-hub.js'
export type { HistogramAnswer } from './histogram-queries.js'
export { type HistogramStats, REJECT_REASONS, type RejectReason } from './histogram-stats.js'
export { MergeCounters } from './refusal-counters.js'
export { decodeOnSubject, identityProblem } from './snapshot-envelope.js'
export { BoundedStream, type WindowSink } from './watch-stream.js'
export { type Watcher, WatcherRegistry } from './watcher-registry.js'
export { type LifecycleStore, type LifecycleWindow, WindowLifecycle } from './window-lifecycle.js'
export { FUTURE_SLACK_MS, MAX_OPEN_PER_SERIES, seqGap } from './window-store.js'
