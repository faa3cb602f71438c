/**
 * The live-instance registry: pure bookkeeping, the NATS feed that fills it,
 * and requests fanned out to its live instances.
 */
export { type FanOutRequest, type FanOutResult, fanOut, type ReplyIdentity } from './fan-out.js'
export type { InstanceRecord, RegistryStats, SubjectTokens } from './instance-registry.js'
export {
  DEFAULT_INTERVAL_MS,
  InstanceRegistry,
  isLive,
  LIVE_INTERVALS,
  MAX_INSTANCES,
  toInstanceInfo,
} from './instance-registry.js'
export type { RegistryFeed } from './registry-feed.js'
export { feedRegistry } from './registry-feed.js'
