/** Waiting for a desired-state revision to reach every live instance. */
export type { Rollout, RolloutWaitOptions } from './rollout.js'
export { classify, waitForRollout } from './rollout.js'
