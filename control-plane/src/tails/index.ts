/**
 * Live tails: a tail is a bounded, self-expiring rule plus a subscription to
 * the batches the instances publish for it, fanned out to one viewer through
 * a bounded queue. See docs/ctl.md (ctl tail) and docs/nats.md (subjects).
 */
export { PROBE_INSTANCE, sweepOrphanTails } from './orphan-sweep.js'
export { TailHub, type TailHubOptions, type TailLimits, type TailStats } from './tail-hub.js'
export { TailQueue, type TailQueueCounters, type TailQueueLimits } from './tail-queue.js'
export { type TailEnd, TailSession } from './tail-session.js'
