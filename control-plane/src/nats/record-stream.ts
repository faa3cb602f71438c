import {
  consumerOpts,
  DiscardPolicy,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
} from 'nats'
import { ConflictError, UnavailableError } from '../errors.js'
import { toUnavailable } from './nats-errors.js'

/** One subject's latest message in a {@link RecordStream}. */
export interface StreamRecord {
  readonly subject: string
  /** The stream sequence of the message: the revision a compare-and-set write names. */
  readonly seq: number
  readonly data: Uint8Array
}

/** How the stream is created (and updated when it exists with other limits). */
export interface RecordStreamOptions {
  /** Stream name, e.g. `PRODBENCH_INCIDENTS`. */
  readonly name: string
  /** Subjects it captures (wildcards allowed). */
  readonly subjects: readonly string[]
  /** Messages older than this are dropped by the server. */
  readonly maxAgeMs: number
  /** Past this size the oldest messages are dropped. */
  readonly maxBytes: number
  /** Largest message the stream accepts. */
  readonly maxMsgSize: number
  /** Stream replicas (1 for a single server, 3 for an R3 cluster). */
  readonly replicas: number
  readonly description: string
}

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

/** JetStream's "wrong last sequence" error: the compare-and-set lost. */
const WRONG_LAST_SEQUENCE = 10071
/** JetStream's "no message found" (get by subject). */
const NO_MESSAGE_FOUND = 10037
/** JetStream's "stream not found". */
const STREAM_NOT_FOUND = 10059

/** Creates the stream when missing, updates its limits when they differ, and wraps it. Internal to nats/. */
export async function openRecordStream(
  js: JetStreamClient,
  jsm: JetStreamManager,
  options: RecordStreamOptions,
  whenConnected: () => Promise<boolean>,
  servers: string,
): Promise<RecordStream> {
  await ensureStream(jsm, options)
  async function guarded<T>(what: string, op: () => Promise<T>): Promise<T> {
    if (!(await whenConnected())) {
      throw new UnavailableError(`NATS at ${servers} is not connected (reconnecting); ${what} failed`)
    }
    try {
      return await op()
    } catch (err) {
      if (apiCode(err) === WRONG_LAST_SEQUENCE) {
        throw new ConflictError(`${what}: the subject changed since it was read`, { cause: err })
      }
      throw toUnavailable(err, `${what} on NATS at ${servers}`)
    }
  }

  return {
    last(subject) {
      return guarded(`reading ${subject}`, async () => {
        try {
          const message = await jsm.streams.getMessage(options.name, { last_by_subj: subject })
          return { subject: message.subject, seq: message.seq, data: message.data }
        } catch (err) {
          if (apiCode(err) === NO_MESSAGE_FOUND) return undefined
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
      const last = (
        sub as unknown as { info?: { last?: { num_pending: number; delivered: { consumer_seq: number } } } | null }
      ).info?.last
      expected = last ? last.num_pending + last.delivered.consumer_seq : 0
      if (expected === 0 || received >= expected) markReady()
      let stopped = false
      sub.closed.then(
        () => {
          if (!stopped) handlers.end()
        },
        (err: unknown) => {
          if (!stopped) handlers.end(err)
        },
      )
      return () => {
        if (stopped) return
        stopped = true
        if (!sub.isClosed())
          sub.unsubscribe()
          // As for KV watches (see stopKvWatch): an idle-heartbeat monitor set up late would keep the process alive.
        ;(sub as unknown as { monitor?: { cancel(): void } | null }).monitor?.cancel()
      }
    },
  }
}

async function ensureStream(jsm: JetStreamManager, options: RecordStreamOptions): Promise<void> {
  const wanted: Partial<StreamConfig> = {
    name: options.name,
    description: options.description,
    subjects: [...options.subjects],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_msgs_per_subject: 1,
    max_age: options.maxAgeMs * 1_000_000,
    max_bytes: options.maxBytes,
    max_msg_size: options.maxMsgSize,
    num_replicas: options.replicas,
  }
  try {
    const info = await jsm.streams.info(options.name)
    const c = info.config
    if (c.max_age !== wanted.max_age || c.max_bytes !== wanted.max_bytes || c.max_msg_size !== wanted.max_msg_size) {
      // Limits are the operator's choice of the moment: the newest control plane's options win.
      await jsm.streams.update(options.name, {
        ...c,
        max_age: wanted.max_age as number,
        max_bytes: wanted.max_bytes as number,
        max_msg_size: wanted.max_msg_size as number,
      })
    }
    return
  } catch (err) {
    if (apiCode(err) !== STREAM_NOT_FOUND) throw err
  }
  try {
    await jsm.streams.add(wanted)
  } catch (err) {
    // Another control plane created it between our look and our add: that is the stream we want.
    await jsm.streams.info(options.name).catch(() => {
      throw err
    })
  }
}

function apiCode(err: unknown): number | undefined {
  return (err as { api_error?: { err_code?: number } })?.api_error?.err_code
}
