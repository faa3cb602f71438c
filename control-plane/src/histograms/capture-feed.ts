import type { Rule } from '@prodbench/sdk/core'
import { errorMessage } from '../errors.js'
import type { KvBucket, NatsLink } from '../nats/index.js'
import { decodeState } from '../state/desired-store.js'

/** How long to wait before watching again after the watch failed or ended on its own. */
const RETRY_MS = 1_000

/** A running feed; `close()` stops it (idempotent). */
export interface CaptureFeed {
  close(): void
}

/**
 * Follows every service's desired state in the KV bucket and hands its rules
 * to `onRules`, so this control plane knows the captures set through ANY
 * replica. After a reconnect it watches afresh (the watch replays the latest
 * value of every key, which `onRules` takes idempotently), so a change made
 * while it was cut off is not missed. A value that does not decode is reported
 * and skipped.
 */
export function feedCaptures(
  link: NatsLink,
  kv: KvBucket,
  onRules: (service: string, rules: readonly Rule[], revision: number) => void,
  warn: (message: string) => void,
): CaptureFeed {
  let stop: (() => void) | undefined
  let retry: NodeJS.Timeout | undefined
  let closed = false
  let generation = 0

  const onEntry = (service: string, entry: { revision: number; value: Uint8Array | undefined }) => {
    if (!entry.value || entry.value.length === 0) return onRules(service, [], entry.revision)
    try {
      onRules(service, decodeState(service, entry.value, entry.revision).rules, entry.revision)
    } catch (err) {
      warn(`capture feed: ${errorMessage(err)}`)
    }
  }

  const start = () => {
    clearTimeout(retry)
    if (closed) return
    const mine = ++generation
    stop?.()
    stop = undefined
    kv.watch(onEntry, (err) => {
      if (closed || mine !== generation) return
      if (err) warn(`capture feed: the KV watch ended: ${errorMessage(err)}`)
      retry = setTimeout(start, RETRY_MS)
      retry.unref()
    }).then(
      (stopWatch) => {
        // A newer start (or close) came while this one was starting: it is not wanted.
        if (closed || mine !== generation) stopWatch()
        else stop = stopWatch
      },
      (err: unknown) => {
        if (closed || mine !== generation) return
        warn(`capture feed: cannot watch the desired state: ${errorMessage(err)}`)
        retry = setTimeout(start, RETRY_MS)
        retry.unref()
      },
    )
  }

  const stopStatus = link.onStatus((event) => {
    if (event === 'reconnect') start()
  })
  start()

  return {
    close() {
      if (closed) return
      closed = true
      clearTimeout(retry)
      stopStatus()
      stop?.()
      stop = undefined
    },
  }
}
