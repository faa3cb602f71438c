import type { KV } from 'nats'
import type { UnavailableError } from '../errors.js'
import { guardNats } from './nats-errors.js'
import { cancelHeartbeatMonitor, kvWatchSubscription } from './subscription-internals.js'

/** One key's latest entry: `value` is undefined when the key was deleted or purged. */
export interface KvEntry {
  readonly revision: number
  readonly value: Uint8Array | undefined
}

/**
 * The KV operations the control plane needs, in bytes and revisions.
 * While NATS is disconnected, every method waits a short grace for the
 * reconnect, then fails with {@link UnavailableError} (rather than waiting
 * for a JetStream timeout).
 */
export interface KvBucket {
  /** The latest entry of `key`, or undefined when the key never existed. */
  get(key: string): Promise<KvEntry | undefined>
  /**
   * Writes `value` only if the key is still at `revision` (0: the key must not
   * exist, or be deleted). Returns the new revision.
   * @throws {ConflictError} when another writer got there first
   */
  write(key: string, value: Uint8Array, revision: number): Promise<number>
  /** Keys that currently hold a value. */
  keys(): Promise<string[]>
  /**
   * Calls `onEntry` with the latest entry of every key, then with every
   * change, until the returned `stop()` is called. A throwing `onEntry` does
   * not end the watch. When the watch ends on its own (the connection closed
   * under it), `onEnd` is called and the caller may watch again.
   */
  watch(onEntry: (key: string, entry: KvEntry) => void, onEnd: (err?: unknown) => void): Promise<() => void>
}

/**
 * Wraps a bound nats KV. Internal to the nats/ folder: use `NatsLink.openKv`.
 * `onLeaderElected` subscribes to the bucket stream's leader elections (it
 * returns the unsubscribe): a running watch then ends (`onEnd` without an
 * error) so its owner watches again on a live consumer.
 */
export function openKvBucket(
  kv: KV,
  whenConnected: () => Promise<boolean>,
  servers: string,
  onLeaderElected?: (listener: () => void) => () => void,
): KvBucket {
  const guarded = guardNats(whenConnected, servers, 'key')

  return {
    get(key) {
      return guarded(`reading ${key}`, async () => {
        const entry = await kv.get(key)
        if (!entry) return undefined
        const deleted = entry.operation === 'DEL' || entry.operation === 'PURGE'
        return { revision: entry.revision, value: deleted ? undefined : entry.value }
      })
    },
    write(key, value, revision) {
      return guarded(`writing ${key}`, () => (revision > 0 ? kv.update(key, value, revision) : kv.create(key, value)))
    },
    keys() {
      return guarded('listing keys', async () => {
        const keys: string[] = []
        for await (const key of await kv.keys()) keys.push(key)
        return keys.sort()
      })
    },
    async watch(onEntry, onEnd) {
      const iterator = await guarded('watching keys', () => kv.watch({ key: '>' }))
      let stopped = false
      let stopListening: (() => void) | undefined
      try {
        stopListening = onLeaderElected?.(() => {
          if (stopped) return
          stopped = true
          stopListening?.()
          stopKvWatch(iterator)
          onEnd()
        })
      } catch (err) {
        // The connection closed while the watch was being made: nobody will stop it but us.
        stopKvWatch(iterator)
        throw err
      }
      void (async () => {
        for await (const entry of iterator) {
          const deleted = entry.operation === 'DEL' || entry.operation === 'PURGE'
          try {
            onEntry(entry.key, { revision: entry.revision, value: deleted ? undefined : entry.value })
          } catch {
            // The consumer reports its own problems; one bad entry must not end the watch.
          }
        }
      })()
        .finally(() => stopKvWatch(iterator))
        .then(
          () => {
            if (!stopped) onEnd()
          },
          (err: unknown) => {
            if (!stopped) onEnd(err)
          },
        )
      return () => {
        stopListening?.()
        if (stopped) return
        stopped = true
        stopKvWatch(iterator)
      }
    },
  }
}

/**
 * Stops a KV watch for good (idempotent). nats.js (2.29) cancels a watch's
 * idle-heartbeat monitor when its subscription closes, but a monitor set up
 * after that (the connection closed while the watch was being created) is
 * never cancelled, and its interval keeps the process alive after close().
 * Cancel it here too: on stop, on any failure after the watch was made, and
 * when the watch ends on its own.
 */
export function stopKvWatch(iterator: { stop(): void }): void {
  iterator.stop()
  const sub = kvWatchSubscription(iterator)
  if (sub) cancelHeartbeatMonitor(sub)
}
