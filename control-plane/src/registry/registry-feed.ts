import { codecs } from '@prodbench/proto'
import { subjects } from '@prodbench/sdk/core'
import type { NatsLink } from '../nats/index.js'
import type { InstanceRegistry, SubjectTokens } from './instance-registry.js'

/** How often dead instances are forgotten (they stop counting as live at once; this only frees memory). */
const PRUNE_EVERY_MS = 30_000

/** A running feed; `close()` stops it (idempotent). */
export interface RegistryFeed {
  /** Asks every instance to send a heartbeat now. */
  discover(): void
  close(): void
}

/**
 * Feeds `registry` from every heartbeat and ack on NATS. Bytes that do not
 * decode are refused and counted, never thrown. Publishes `pb.v1.discover`
 * at once (and after every reconnect) so the registry fills without waiting
 * for the next heartbeat round.
 */
export function feedRegistry(link: NatsLink, registry: InstanceRegistry, now: () => number = Date.now): RegistryFeed {
  let downSince: number | undefined
  const stops = [
    link.subscribe(subjects.allHeartbeats, (data, subject) => {
      const tokens = subjectTokens(subject)
      if (!tokens) return void registry.reject(`heartbeat on malformed subject ${subject}`)
      let message: ReturnType<typeof codecs.heartbeat.decode>
      try {
        message = codecs.heartbeat.decode(data)
      } catch (err) {
        return void registry.reject(`heartbeat on ${subject}: ${(err as Error).message}`)
      }
      registry.heartbeat(message, now(), tokens)
    }),
    link.subscribe(subjects.allAcks, (data, subject) => {
      const tokens = subjectTokens(subject)
      if (!tokens) return void registry.reject(`ack on malformed subject ${subject}`)
      let message: ReturnType<typeof codecs.ack.decode>
      try {
        message = codecs.ack.decode(data)
      } catch (err) {
        return void registry.reject(`ack on ${subject}: ${(err as Error).message}`)
      }
      registry.ack(message, now(), tokens)
    }),
    // Heartbeats sent while we were cut off are lost: ask again.
    link.onStatus((event) => {
      if (event === 'disconnect') {
        downSince ??= now()
        return
      }
      // Time spent cut off does not count against the instances' liveness.
      if (downSince !== undefined) registry.extend(now() - downSince)
      downSince = undefined
      link.publish(subjects.discover)
    }),
  ]
  // Not while cut off: the records of instances we cannot hear are kept for extend(). Only
  // those already dead a pruning period ago go, so a stall of this process (their
  // heartbeats not read yet) shorter than that forgets no one.
  const pruner = setInterval(() => downSince === undefined && registry.prune(now() - PRUNE_EVERY_MS), PRUNE_EVERY_MS)
  pruner.unref()
  // Subscriptions go out before this publish on the same connection, so no reply is missed.
  link.publish(subjects.discover)

  let closed = false
  return {
    discover: () => link.publish(subjects.discover),
    close() {
      if (closed) return
      closed = true
      clearInterval(pruner)
      for (const stop of stops) stop()
    },
  }
}

/** `pb.v1.hb.<service>.<instance>` → its service and instance tokens. */
function subjectTokens(subject: string): SubjectTokens | undefined {
  const parts = subject.split('.')
  if (parts.length !== 5) return undefined
  return { service: parts[3] as string, instance: parts[4] as string }
}
