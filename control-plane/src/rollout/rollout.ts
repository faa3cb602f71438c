import type { InstanceRecord, InstanceRegistry } from '../registry/index.js'

/** How a change reached the live instances of its service. */
export interface Rollout {
  /** The KV revision written. */
  readonly revision: number
  /** Instances that applied `revision` or a later one. */
  readonly applied: string[]
  /** Live instances that had not answered when the wait ended. */
  readonly pending: string[]
  /** Instances that refused it, as `"instance: reason"`. */
  readonly rejected: string[]
  /** From the start of the request to the end of the wait. */
  readonly elapsedMs: number
  /** True when every live instance answered (applied or refused): nothing is pending. */
  readonly complete: boolean
}

/** Sorts instances by where they stand with `revision`. Pure. */
export function classify(
  records: readonly InstanceRecord[],
  revision: number,
): Pick<Rollout, 'applied' | 'pending' | 'rejected'> {
  const applied: string[] = []
  const pending: string[] = []
  const rejected: string[] = []
  for (const record of records) {
    if (record.appliedRevision >= revision) applied.push(record.instance)
    else if (record.refusal && record.refusal.revision >= revision) {
      rejected.push(`${record.instance}: ${record.refusal.reason}`)
    } else pending.push(record.instance)
  }
  return { applied, pending, rejected }
}

/** Options of {@link waitForRollout}. */
export interface RolloutWaitOptions {
  readonly registry: InstanceRegistry
  readonly service: string
  /** The revision written. */
  readonly revision: number
  /** Longest wait for the last instance. */
  readonly waitMs: number
  /**
   * `performance.now()` when the request began, so `elapsedMs` covers the write too.
   * @default performance.now() at the call
   */
  readonly startedAt?: number
  /**
   * Wall clock for liveness, for tests.
   * @default Date.now
   */
  readonly now?: () => number
  /** Ends the wait early (the control plane is closing); resolves with what is known. */
  readonly signal?: AbortSignal
}

/**
 * Waits until every live instance of the service applied `revision` (or a
 * later one) or refused it, or `waitMs` passed. Driven by registry changes,
 * not polling: it re-checks when an ack or heartbeat of the service arrives,
 * and when the next pending instance would stop being live. An ack that came
 * before the wait began is not lost: the registry kept the revision.
 */
export function waitForRollout(options: RolloutWaitOptions): Promise<Rollout> {
  const { registry, service, revision, signal } = options
  const now = options.now ?? Date.now
  const startedAt = options.startedAt ?? performance.now()
  const deadline = now() + Math.max(0, options.waitMs)

  return new Promise<Rollout>((resolve) => {
    let expiryTimer: NodeJS.Timeout | undefined
    let done = false
    // Instances still to answer. Each ack or heartbeat looks at its own
    // instance only, so a rollout to N instances costs O(N), not O(N²).
    let pending = new Set<string>()

    const finish = (state: Pick<Rollout, 'applied' | 'pending' | 'rejected'>) => {
      done = true
      clearTimeout(deadlineTimer)
      clearTimeout(expiryTimer)
      stopListening()
      signal?.removeEventListener('abort', onAbort)
      const elapsedMs = Math.max(0, Math.round(performance.now() - startedAt))
      resolve({ revision, ...state, elapsedMs, complete: state.pending.length === 0 })
    }

    /** Classifies every live instance afresh: at the start, at the end, when one may have gone silent. */
    const checkAll = (final: boolean) => {
      if (done) return
      const at = now()
      const records = registry.live(service, at)
      const state = classify(records, revision)
      if (final || state.pending.length === 0) return finish(state)
      pending = new Set(state.pending)
      // A pending instance that goes silent stops being live: look again then, not at the deadline.
      clearTimeout(expiryTimer)
      const expiry = registry.nextExpiry(records.filter((r) => pending.has(r.instance)))
      if (expiry !== undefined && expiry < deadline) {
        expiryTimer = setTimeout(() => checkAll(false), Math.max(1, expiry - at))
      }
    }

    const onAbort = () => checkAll(true)
    const stopListening = registry.onChange((changedService, instance) => {
      if (done || changedService !== service || !pending.has(instance)) return
      const record = registry.get(service, instance)
      const answered =
        !record || record.appliedRevision >= revision || (record.refusal && record.refusal.revision >= revision)
      if (!answered) return
      pending.delete(instance)
      if (pending.size === 0) checkAll(false)
    })
    const deadlineTimer = setTimeout(() => checkAll(true), Math.max(0, deadline - now()))
    signal?.addEventListener('abort', onAbort, { once: true })
    if (signal?.aborted) return checkAll(true)
    checkAll(false)
  })
}
