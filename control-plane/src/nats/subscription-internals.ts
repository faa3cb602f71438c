import type { JetStreamSubscription } from 'nats'

// nats.js keeps these on a JetStream subscription without typing them: the only place that reads them.

/**
 * How many messages an ordered consumer replays from its start (0 when none):
 * its last delivered sequence plus what is still pending when it was created.
 */
export function replayLength(sub: JetStreamSubscription): number {
  const last = (
    sub as unknown as { info?: { last?: { num_pending: number; delivered: { consumer_seq: number } } } | null }
  ).info?.last
  return last ? last.num_pending + last.delivered.consumer_seq : 0
}

/**
 * Cancels the subscription's idle-heartbeat monitor: one set up after the
 * subscription closed would keep the process alive (as for KV watches).
 */
export function cancelHeartbeatMonitor(sub: JetStreamSubscription): void {
  ;(sub as unknown as { monitor?: { cancel(): void } | null }).monitor?.cancel()
}

/** The JetStream subscription under a KV watch's iterator (nats.js keeps it as `_data`). */
export function kvWatchSubscription(iterator: object): JetStreamSubscription | undefined {
  return (iterator as { _data?: JetStreamSubscription })._data
}
