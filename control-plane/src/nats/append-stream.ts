import { consumerOpts, type JetStreamClient, type JetStreamManager, type JsMsg } from 'nats'
import { guardNats } from './nats-errors.js'
import { ensureStream, type StreamOptions } from './stream-config.js'
import { cancelHeartbeatMonitor, replayLength } from './subscription-internals.js'

/** One message of an {@link AppendStream}. */
export interface AppendedRecord {
  readonly seq: number
  readonly subject: string
  readonly data: Uint8Array
  /** When the server stored it (unix ms). */
  readonly storedAt: number
}

/** How the stream is created (and its age and size limits updated when they differ). */
export type AppendStreamOptions = StreamOptions

/** What {@link AppendStream.read} returns at most, and how long it reads. */
export interface ReadOptions {
  /** Subject filter (wildcards allowed). */
  readonly filter: string
  /** Only messages stored at or after this time (unix ms). */
  readonly sinceMs: number
  /** Keep the newest this many. */
  readonly limit: number
  /** Stop reading after this long, with what was read. */
  readonly timeoutMs: number
}

/**
 * An append-only JetStream stream: no message can be deleted and the stream
 * cannot be purged (`deny_delete`, `deny_purge`); only its age and size
 * limits drop old messages. The audit log.
 */
export interface AppendStream {
  /** Stores `data` on `subject`; resolves with its sequence once the server has it. */
  append(subject: string, data: Uint8Array): Promise<number>
  /** The newest `limit` messages on `filter` stored since `sinceMs`, oldest first. */
  read(options: ReadOptions): Promise<AppendedRecord[]>
}

/** Creates the stream when missing (or updates its limits), and wraps it. Internal to nats/. */
export async function openAppendStream(
  js: JetStreamClient,
  jsm: JetStreamManager,
  options: AppendStreamOptions,
  whenConnected: () => Promise<boolean>,
  servers: string,
): Promise<AppendStream> {
  await ensureStream(jsm, options, { deny_delete: true, deny_purge: true }, ['max_age', 'max_bytes'])
  const guarded = guardNats(whenConnected, servers)
  return {
    append(subject, data) {
      return guarded(`appending to ${options.name}`, async () => {
        const ack = await js.publish(subject, data, { expect: { streamName: options.name } })
        return ack.seq
      })
    },
    read(read) {
      return guarded(`reading ${options.name}`, () => readSince(js, options.name, read))
    },
  }
}

/** How far ahead of now a read may start (later starts are brought back to this). */
const LATEST_START_AHEAD_MS = 86_400_000

/** Reads with an ordered consumer from `sinceMs` until the pending count reached 0 (or the timeout). */
async function readSince(js: JetStreamClient, stream: string, read: ReadOptions): Promise<AppendedRecord[]> {
  const kept: AppendedRecord[] = []
  let received = 0
  let expected = -1
  let finish: () => void = () => {}
  const done = new Promise<void>((resolve) => {
    finish = resolve
  })
  const opts = consumerOpts()
  opts.orderedConsumer()
  opts.bindStream(stream)
  // A start in the future finds nothing whatever it is, but past year 9999 nats-server cannot parse it
  // (and past 8.64e15 ms a Date cannot even print it): bring it back to tomorrow.
  opts.startTime(new Date(Math.min(Math.max(read.sinceMs, 0), Date.now() + LATEST_START_AHEAD_MS)))
  opts.callback((err, message: JsMsg | null) => {
    if (err || !message) return
    received++
    kept.push({
      seq: message.seq,
      subject: message.subject,
      data: message.data,
      storedAt: Math.floor(message.info.timestampNanos / 1_000_000),
    })
    if (kept.length > read.limit) kept.shift()
    if (message.info.pending === 0 || (expected >= 0 && received >= expected)) finish()
  })
  const sub = await js.subscribe(read.filter, opts)
  const timer = setTimeout(finish, read.timeoutMs)
  try {
    expected = replayLength(sub)
    if (expected === 0 || received >= expected) finish()
    await done
  } finally {
    clearTimeout(timer)
    if (!sub.isClosed()) sub.unsubscribe()
    cancelHeartbeatMonitor(sub)
  }
  return kept
}
