import { connect, Events, type NatsConnection, StorageType } from 'nats'
import { UnavailableError } from '../errors.js'
import { type KvBucket, openKvBucket } from './kv-bucket.js'
import { describeNatsError, toUnavailable } from './nats-errors.js'

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
   * Returns a function that unsubscribes.
   */
  subscribe(subject: string, onMessage: (data: Uint8Array, subject: string) => void): () => void
  /** Creates the KV bucket when missing (file storage), else binds to it. */
  openKv(bucket: string, options: KvOptions): Promise<KvBucket>
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

/** Longest close() waits for in-flight messages to drain before closing anyway. */
const DRAIN_TIMEOUT_MS = 2_000

/** Options of the desired-state KV bucket, used only when it is created. */
export interface KvOptions {
  /** Revisions kept per key. */
  history: number
  /** Stream replicas (1 for a single server, 3 for an R3 cluster). */
  replicas: number
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
}

/**
 * Connects with unlimited reconnects. The first connect is awaited: a control
 * plane pointed at a NATS that is not there fails at once with a clear error.
 * @throws {UnavailableError} when the first connect fails
 */
export async function connectNats(options: ConnectOptions): Promise<NatsLink> {
  const servers = Array.isArray(options.servers) ? options.servers.join(',') : options.servers
  let nc: NatsConnection
  try {
    nc = await connect({
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
    subscribe(subject, onMessage) {
      const sub = nc.subscribe(subject, {
        callback: (err, msg) => {
          if (err) return onError(err)
          try {
            onMessage(msg.data, msg.subject)
          } catch (handlerErr) {
            onError(handlerErr)
          }
        },
      })
      return () => {
        if (!sub.isClosed()) sub.unsubscribe()
      }
    },
    async openKv(bucket, kvOptions) {
      try {
        const kv = await nc
          .jetstream({ timeout: 5_000 })
          .views.kv(bucket, { history: kvOptions.history, replicas: kvOptions.replicas, storage: StorageType.File })
        return openKvBucket(kv, () => link.whenConnected(options.reconnectGraceMs ?? 2_000), servers)
      } catch (err) {
        throw toUnavailable(err, `cannot open KV bucket ${bucket} (is JetStream enabled on ${servers}?)`)
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
