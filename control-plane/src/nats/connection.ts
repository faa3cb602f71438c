import { connect, ErrorCode, Events, type NatsConnection, StorageType } from 'nats'
import { UnavailableError } from '../errors.js'
import type { NatsCredentials } from '../security/nats-credentials.js'
import { type AppendStream, type AppendStreamOptions, openAppendStream } from './append-stream.js'
import { type KvBucket, openKvBucket } from './kv-bucket.js'
import { natsAuthOptions } from './nats-auth.js'
import { describeNatsError, retryCreateRace, toUnavailable } from './nats-errors.js'
import { openRecordStream, type RecordStream, type RecordStreamOptions } from './record-stream.js'

/**
 * The control plane's only door to the `nats` client: connect, publish,
 * subscribe, open the KV bucket. Everything else speaks in bytes and
 * prodbench errors, so a switch of client is this folder.
 */
export interface NatsLink {
  /** The server(s) given, for messages. */
  readonly servers: string
  /** False between a disconnect and the next reconnect. */
  readonly connected: boolean
  /** Fire-and-forget publish (dropped by the client while disconnected). */
  publish(subject: string, data?: Uint8Array): void
  /**
   * Calls `onMessage` for every message on `subject` (wildcards allowed).
   * A throwing handler is reported to `onError`, never ends the subscription.
   * Returns a function that unsubscribes. With `options.queue`, the
   * subscribers of one queue group share the messages (each goes to one);
   * `respond` answers a message sent as a request (undefined otherwise).
   */
  subscribe(
    subject: string,
    onMessage: (data: Uint8Array, subject: string, respond?: (data: Uint8Array) => void) => void,
    options?: { queue?: string },
  ): () => void
  /**
   * Sends a request and waits up to `timeoutMs` for the first reply:
   * `no-responders` when nobody subscribes to `subject` (the server says so
   * at once), `timeout` when nobody answered in time.
   * @throws {UnavailableError} when the connection is closed or down
   */
  request(subject: string, data: Uint8Array, timeoutMs: number): Promise<RequestOutcome>
  /** Creates the KV bucket when missing (file storage), else binds to it. */
  openKv(bucket: string, options: KvOptions): Promise<KvBucket>
  /** Creates a latest-message-per-subject stream when missing (updating its limits when they differ), else binds to it. */
  openStream(options: RecordStreamOptions): Promise<RecordStream>
  /** Creates an append-only stream (no delete, no purge) when missing, else binds to it: the audit log. */
  openAppendStream(options: AppendStreamOptions): Promise<AppendStream>
  /**
   * Resolves true at once when connected, else when the connection comes back
   * within `timeoutMs`, else false. Lets a request ride out a short blip
   * (a nats-server restart) instead of failing.
   */
  whenConnected(timeoutMs: number): Promise<boolean>
  /** Called with 'reconnect' / 'disconnect' as the connection changes. */
  onStatus(listener: (event: 'disconnect' | 'reconnect') => void): () => void
  /** Drains subscriptions and closes the connection. Idempotent. */
  close(): Promise<void>
}

/** What {@link NatsLink.request} got. */
export type RequestOutcome =
  | { readonly kind: 'reply'; readonly data: Uint8Array }
  | { readonly kind: 'no-responders' }
  | { readonly kind: 'timeout' }

/** Longest close() waits for in-flight messages to drain before closing anyway. */
const DRAIN_TIMEOUT_MS = 2_000

/** Options of the desired-state KV bucket, used only when it is created. */
export interface KvOptions {
  /** Revisions kept per key. */
  history: number
  /** Stream replicas (1 for a single server, 3 for an R3 cluster); used only when the bucket is created. */
  replicas: number
  /** Told when an existing bucket has another replica count than `replicas` (it is left as it is). */
  warn?: (message: string) => void
}

/** Options of {@link connectNats}. */
export interface ConnectOptions {
  servers: string | string[]
  /** Client name shown by the server. */
  name: string
  /** Reports errors thrown by message handlers. */
  onError?: (err: unknown) => void
  /**
   * How long a KV operation waits for a reconnect before failing with PB_UNAVAILABLE.
   * @default 2000
   */
  reconnectGraceMs?: number
  /**
   * Who the control plane is to NATS (user/password, nkey, creds file) and TLS.
   * @default none (an open server)
   */
  credentials?: NatsCredentials
  /**
   * Prefix of this connection's inboxes: a secured server lets only the control plane read `_INBOX_CP.>`.
   * @default '_INBOX_CP'
   */
  inboxPrefix?: string
}

/**
 * Connects with unlimited reconnects. The first connect is awaited: a control
 * plane pointed at a NATS that is not there fails at once with a clear error.
 * @throws {UnavailableError} when the first connect fails
 */
export async function connectNats(options: ConnectOptions): Promise<NatsLink> {
  const servers = Array.isArray(options.servers) ? options.servers.join(',') : options.servers
  // Files are read before connecting: a missing seed file is a bad option, not an unreachable server.
  const auth = await natsAuthOptions(options.credentials)
  let nc: NatsConnection
  try {
    nc = await connect({
      ...auth,
      inboxPrefix: options.inboxPrefix ?? '_INBOX_CP',
      servers: options.servers,
      name: options.name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      pingInterval: 10_000,
    })
  } catch (err) {
    throw new UnavailableError(`cannot connect to NATS at ${servers}: ${describeNatsError(err)}`, { cause: err })
  }
  const onError = options.onError ?? (() => {})
  const statusListeners = new Set<(event: 'disconnect' | 'reconnect') => void>()
  let connected = true
  let closing: Promise<void> | undefined

  void (async () => {
    for await (const status of nc.status()) {
      if (status.type !== Events.Disconnect && status.type !== Events.Reconnect) continue
      connected = status.type === Events.Reconnect
      for (const listener of statusListeners) listener(status.type)
    }
  })().catch(onError)

  const link: NatsLink = {
    servers,
    get connected() {
      return connected && !nc.isClosed() && closing === undefined
    },
    publish(subject, data) {
      if (nc.isClosed() || closing) return
      nc.publish(subject, data)
    },
    subscribe(subject, onMessage, subscribeOptions) {
      const sub = nc.subscribe(subject, {
        ...(subscribeOptions?.queue ? { queue: subscribeOptions.queue } : {}),
        callback: (err, msg) => {
          if (err) return onError(err)
          try {
            const respond = msg.reply ? (data: Uint8Array) => void msg.respond(data) : undefined
            onMessage(msg.data, msg.subject, respond)
          } catch (handlerErr) {
            onError(handlerErr)
          }
        },
      })
      return () => {
        if (!sub.isClosed()) sub.unsubscribe()
      }
    },
    async request(subject, data, timeoutMs) {
      if (nc.isClosed() || closing) throw new UnavailableError(`NATS connection to ${servers} is closed`)
      try {
        const reply = await nc.request(subject, data, { timeout: timeoutMs })
        return { kind: 'reply', data: reply.data }
      } catch (err) {
        const code = (err as { code?: string }).code
        if (code === ErrorCode.NoResponders) return { kind: 'no-responders' }
        if (code === ErrorCode.Timeout) return { kind: 'timeout' }
        throw new UnavailableError(`request on ${subject} failed: ${describeNatsError(err)}`, { cause: err })
      }
    },
    async openKv(bucket, kvOptions) {
      try {
        // The client looks the bucket up and adds it when missing; control planes starting together race there.
        const kv = await retryCreateRace(() =>
          nc
            .jetstream({ timeout: 5_000 })
            .views.kv(bucket, { history: kvOptions.history, replicas: kvOptions.replicas, storage: StorageType.File }),
        )
        const status = await kv.status()
        if (status.replicas !== kvOptions.replicas) {
          kvOptions.warn?.(
            `KV bucket ${bucket} has ${status.replicas} replica(s), not the ${kvOptions.replicas} asked: an existing ` +
              `bucket is not changed (scale it with: nats stream edit KV_${bucket} --replicas ${kvOptions.replicas})`,
          )
        }
        // On a cluster, a watch's consumer lives with the stream's leader: when a new leader is elected
        // (the old one's node died), the watch is restarted instead of waiting for missed heartbeats.
        const onLeaderElected = (listener: () => void) =>
          link.subscribe(`$JS.EVENT.ADVISORY.STREAM.LEADER_ELECTED.KV_${bucket}`, () => listener())
        return openKvBucket(kv, () => link.whenConnected(options.reconnectGraceMs ?? 2_000), servers, onLeaderElected)
      } catch (err) {
        throw toUnavailable(err, `cannot open KV bucket ${bucket} (is JetStream enabled on ${servers}?)`)
      }
    },
    async openAppendStream(streamOptions) {
      try {
        const grace = () => link.whenConnected(options.reconnectGraceMs ?? 2_000)
        const js = nc.jetstream({ timeout: 5_000 })
        const jsm = await nc.jetstreamManager({ timeout: 5_000 })
        return await openAppendStream(js, jsm, streamOptions, grace, servers)
      } catch (err) {
        throw toUnavailable(err, `cannot open stream ${streamOptions.name} (is JetStream enabled on ${servers}?)`)
      }
    },
    async openStream(streamOptions) {
      try {
        const grace = () => link.whenConnected(options.reconnectGraceMs ?? 2_000)
        const js = nc.jetstream({ timeout: 5_000 })
        const jsm = await nc.jetstreamManager({ timeout: 5_000 })
        return await openRecordStream(js, jsm, streamOptions, grace, servers)
      } catch (err) {
        throw toUnavailable(err, `cannot open stream ${streamOptions.name} (is JetStream enabled on ${servers}?)`)
      }
    },
    whenConnected(timeoutMs) {
      if (link.connected) return Promise.resolve(true)
      if (nc.isClosed() || closing) return Promise.resolve(false)
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          stop()
          resolve(false)
        }, timeoutMs)
        const stop = link.onStatus((event) => {
          if (event !== 'reconnect') return
          clearTimeout(timer)
          stop()
          resolve(true)
        })
      })
    },
    onStatus(listener) {
      statusListeners.add(listener)
      return () => statusListeners.delete(listener)
    },
    close() {
      closing ??= (async () => {
        statusListeners.clear()
        if (nc.isClosed()) return
        // drain() needs a live connection (while reconnecting just close), and is bounded:
        // a server that stops answering must not hold close() forever.
        const drained = connected ? nc.drain().catch(() => {}) : Promise.resolve()
        const timer = new Promise<void>((resolve) => setTimeout(resolve, DRAIN_TIMEOUT_MS).unref())
        await Promise.race([drained, timer])
        if (!nc.isClosed()) await nc.close()
      })()
      return closing
    },
  }
  return link
}
