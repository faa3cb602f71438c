import { consumerOpts, type JetStreamClient, type JetStreamManager, type JsMsg } from 'nats'
import type { UnavailableError } from '../errors.js'
import { guardNats, JS_NO_MESSAGE_FOUND, jetStreamCode } from './nats-errors.js'
import { ensureStream, type StreamOptions } from './stream-config.js'
import { cancelHeartbeatMonitor, replayLength } from './subscription-internals.js'

/** One subject's latest message in a {@link RecordStream}. */
export interface StreamRecord {
  readonly subject: string
  /** The stream sequence of the message: the revision a compare-and-set write names. */
  readonly seq: number
  readonly data: Uint8Array
}

/** How the stream is created (and updated when it exists with other limits). */
export type RecordStreamOptions = StreamOptions

/** What {@link RecordStream.watch} reports besides records. */
export interface WatchHandlers {
  /** Every subject's latest message up to the watch's start has been delivered. Called once. */
  ready(): void
  /** The watch ended on its own (the connection closed under it). */
  end(err?: unknown): void
}

/**
 * A JetStream stream that keeps the latest message of each subject
 * (`max_msgs_per_subject` 1) within age and size limits: a small document
 * store with compare-and-set on the subject's last sequence
 * (`Nats-Expected-Last-Subject-Sequence`, nats-server 2.3+), readable by
 * subject and followed by an ordered consumer. While NATS is disconnected,
 * reads and writes wait a short grace for the reconnect, then fail with
 * {@link UnavailableError}.
 */
export interface RecordStream {
  /** The latest message on `subject`, or undefined when there is none. */
  last(subject: string): Promise<StreamRecord | undefined>
  /**
   * Publishes `data` on `subject` only while the subject's last message is
   * `expectedSeq` (0: the subject must hold none). Returns the new sequence.
   * @throws {ConflictError} when another writer got there first
   */
  write(subject: string, data: Uint8Array, expectedSeq: number): Promise<number>
  /**
   * Delivers the latest message of every subject matching `filter`, then
   * every new one, until the returned `stop()`. A throwing `onRecord` does
   * not end the watch.
   */
  watch(filter: string, onRecord: (record: StreamRecord) => void, handlers: WatchHandlers): Promise<() => void>
}

/** Creates the stream when missing, updates its limits when they differ, and wraps it. Internal to nats/. */
export async function openRecordStream(
  js: JetStreamClient,
  jsm: JetStreamManager,
  options: RecordStreamOptions,
  whenConnected: () => Promise<boolean>,
  servers: string,
): Promise<RecordStream> {
  await ensureStream(jsm, options, { max_msgs_per_subject: 1 }, ['max_age', 'max_bytes', 'max_msg_size'])
  const guarded = guardNats(whenConnected, servers, 'subject')

  return {
    last(subject) {
      return guarded(`reading ${subject}`, async () => {
        try {
          const message = await jsm.streams.getMessage(options.name, { last_by_subj: subject })
          return { subject: message.subject, seq: message.seq, data: message.data }
        } catch (err) {
          if (jetStreamCode(err) === JS_NO_MESSAGE_FOUND) return undefined
          throw err
        }
      })
    },
    write(subject, data, expectedSeq) {
      return guarded(`writing ${subject}`, async () => {
        const ack = await js.publish(subject, data, {
          expect: { lastSubjectSequence: expectedSeq, streamName: options.name },
        })
        return ack.seq
      })
    },
    async watch(filter, onRecord, handlers) {
      let received = 0
      let expected = -1
      let ready = false
      const markReady = () => {
        if (ready) return
        ready = true
        handlers.ready()
      }
      const opts = consumerOpts()
      opts.orderedConsumer()
      opts.deliverLastPerSubject()
      opts.bindStream(options.name)
      opts.callback((err, message: JsMsg | null) => {
        if (err) return
        if (!message) return
        received++
        try {
          onRecord({ subject: message.subject, seq: message.seq, data: message.data })
        } catch {
          // The consumer reports its own problems; one bad record must not end the watch.
        }
        if (!ready && (message.info.pending === 0 || (expected >= 0 && received >= expected))) markReady()
      })
      const sub = await guarded(`following ${options.name}`, () => js.subscribe(filter, opts))
      // Nothing to replay (or already replayed): ready now. Otherwise the last replayed message says so.
      expected = replayLength(sub)
      if (expected === 0 || received >= expected) markReady()
      let stopped = false
      sub.closed.then(
        () => {
          // Closed under us (maybe before its monitor was made): the monitor goes too.
          cancelHeartbeatMonitor(sub)
          if (!stopped) handlers.end()
        },
        (err: unknown) => {
          cancelHeartbeatMonitor(sub)
          if (!stopped) handlers.end(err)
        },
      )
      return () => {
        if (stopped) return
        stopped = true
        if (!sub.isClosed()) sub.unsubscribe()
        cancelHeartbeatMonitor(sub)
      }
    },
  }
}
