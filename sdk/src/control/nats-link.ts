import {
  type ConnectionOptions,
  connect,
  Events,
  type KV,
  type KvEntry,
  type NatsConnection,
  type QueuedIterator,
} from 'nats'
import { DESIRED_STATE_BUCKET, desiredStateKey, subjects } from '../core/index.js'
import { natsCredentialsFromEnv, SDK_INBOX_PREFIX } from './nats-credentials.js'

/**
 * JetStream's advisory when the desired-state bucket's stream elects a leader
 * (on a cluster: after the leader's node died). Not a prodbench subject: the
 * server publishes it.
 */
const LEADER_ELECTED = `$JS.EVENT.ADVISORY.STREAM.LEADER_ELECTED.KV_${DESIRED_STATE_BUCKET}`
/** Longest random pause before watching again after a leader election. */
const LEADER_JITTER_MS = 500

/** Connection state as shown by `status()`. */
export type LinkState = 'connecting' | 'connected' | 'disconnected' | 'closed'

/** What the link hands to the SDK. Handlers must not throw (they are guarded anyway). */
export interface LinkEvents {
  /**
   * The service's desired state: `value` null when absent or deleted.
   * `authoritative` is true for reads made with no watch running (a fresh
   * sync), so the SDK may accept a lower revision (a recreated bucket).
   */
  state(value: Uint8Array | null, revision: number, authoritative: boolean): void
  /** Connected (first time or after a reconnect), before the state sync. */
  connected(reconnect: boolean): void
  /** Finished reading the state after a (re)connect, successfully or not. */
  synced(): void
  /** The control plane asked every instance to announce itself. */
  discover(): void
  /** A request for this instance's flight recorder: returns the reply's bytes. */
  dump(request: Uint8Array): Uint8Array
  /** A request to run a check now: resolves with the reply's bytes once it ran. */
  check(request: Uint8Array): Promise<Uint8Array>
  /** A request to open the inspector: returns the reply's bytes. */
  inspect(request: Uint8Array): Uint8Array
  /** Something failed; the link carries on. */
  problem(event: string, error: unknown): void
}

/**
 * The SDK's only door to NATS. Connects in the background (never awaited on
 * the host's start path), retries forever, follows the service's KV key with
 * a watch, re-reads it after every reconnect and periodically, and publishes
 * only while connected (the client would drop or pile up the rest).
 */
export class NatsLink {
  #nc: NatsConnection | undefined
  #kv: KV | undefined
  #watcher: QueuedIterator<KvEntry> | undefined
  #state: LinkState = 'connecting'
  #reconnects = 0
  #closed = false
  #syncing: Promise<void> | undefined
  #retryTimer: NodeJS.Timeout | undefined
  #resyncTimer: NodeJS.Timeout | undefined
  #wake: (() => void) | undefined
  #leaderTimer: NodeJS.Timeout | undefined
  readonly #key: string

  constructor(
    private readonly options: {
      connection: ConnectionOptions
      service: string
      instance: string
      reconnectTimeWaitMs: number
      resyncIntervalMs: number
    },
    private readonly events: LinkEvents,
  ) {
    this.#key = desiredStateKey(options.service)
  }

  get state(): LinkState {
    return this.#state
  }

  /** Times the connection came back after a loss. */
  get reconnects(): number {
    return this.#reconnects
  }

  /** Starts connecting in the background. */
  start(): void {
    this.#run().catch((err) => this.events.problem('link', err))
  }

  /** Publishes when connected; returns false (nothing sent) otherwise. */
  publish(subject: string, bytes: Uint8Array): boolean {
    const nc = this.#nc
    if (!nc || this.#state !== 'connected') return false
    try {
      nc.publish(subject, bytes)
      return true
    } catch (err) {
      this.events.problem('publish', err)
      return false
    }
  }

  /** A request that resolves with the reply's bytes; rejects when not connected, on timeout or with no responders. */
  async request(subject: string, bytes: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
    const nc = this.#nc
    if (!nc || this.#state !== 'connected') throw new Error('not connected to NATS')
    const reply = await nc.request(subject, bytes, { timeout: timeoutMs })
    return reply.data
  }

  /** Sends `last` (if connected), then closes the connection. Idempotent. */
  async close(last?: { subject: string; bytes: Uint8Array }): Promise<void> {
    if (this.#closed) return
    if (last) this.publish(last.subject, last.bytes)
    this.#closed = true
    this.#state = 'closed'
    clearTimeout(this.#retryTimer)
    clearInterval(this.#resyncTimer)
    clearTimeout(this.#leaderTimer)
    this.#wake?.()
    stopWatch(this.#watcher)
    const nc = this.#nc
    if (nc && !nc.isClosed()) {
      // drain() on a connection that is down resolves without closing it, and
      // the client's reconnect and ping timers would keep the host alive.
      await withTimeout(nc.drain(), 2_000).catch(() => undefined)
      if (!nc.isClosed()) await nc.close()
    }
  }

  async #run(): Promise<void> {
    const nc = await this.#connect()
    if (!nc) return
    this.#nc = nc
    this.#state = 'connected'
    this.#followStatus(nc).catch((err) => this.events.problem('status', err))
    nc.subscribe(subjects.discover, { callback: () => this.events.discover() })
    // Without permission to this subject (a locked-down account) the server refuses it: no harm, no resync.
    nc.subscribe(LEADER_ELECTED, { callback: (err) => err || this.#leaderElected() })
    const { service, instance } = this.options
    this.#answer(nc, subjects.dump(service, instance), 'dump', async (data) => this.events.dump(data))
    this.#answer(nc, subjects.check(service, instance), 'check', (data) => this.events.check(data))
    this.#answer(nc, subjects.inspect(service, instance), 'inspect', async (data) => this.events.inspect(data))
    this.events.connected(false)
    await this.#sync()
    this.#resyncTimer = setInterval(() => this.#periodic(), this.options.resyncIntervalMs)
    this.#resyncTimer.unref()
  }

  /** Serves requests on `subject`: a reply per request, a problem reported instead of a throw. */
  #answer(nc: NatsConnection, subject: string, event: string, reply: (data: Uint8Array) => Promise<Uint8Array>): void {
    nc.subscribe(subject, {
      callback: (err, msg) => {
        if (err || !msg.reply) return
        reply(msg.data).then(
          (bytes) => {
            if (!nc.isClosed()) msg.respond(bytes)
          },
          (error: unknown) => this.events.problem(event, error),
        )
      },
    })
  }

  async #connect(): Promise<NatsConnection | undefined> {
    const { connection, service, instance, reconnectTimeWaitMs } = this.options
    let attempt = 0
    while (!this.#closed) {
      try {
        const nc = await connect({
          name: `prodbench-sdk ${service}/${instance}`,
          timeout: 5_000,
          // A secured server lets only SDK identities read _INBOX_SDK.> (docs/security.md).
          inboxPrefix: SDK_INBOX_PREFIX,
          ...(await natsCredentialsFromEnv(connection)),
          ...connection,
          maxReconnectAttempts: -1,
          reconnectTimeWait: connection.reconnectTimeWait ?? reconnectTimeWaitMs,
          waitOnFirstConnect: false,
        })
        if (this.#closed) {
          await nc.close()
          return undefined
        }
        return nc
      } catch (err) {
        // Report the first failure and then every tenth, not one line a second.
        if (attempt++ % 10 === 0) this.events.problem('connect', err)
        await this.#sleep(reconnectTimeWaitMs)
      }
    }
    return undefined
  }

  async #followStatus(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      if (this.#closed) return
      if (status.type === Events.Disconnect) {
        this.#state = 'disconnected'
      } else if (status.type === Events.Reconnect) {
        this.#state = 'connected'
        this.#reconnects++
        this.events.connected(true)
        this.#sync().catch((err) => this.events.problem('sync', err))
      }
    }
  }

  /** Stops the watch, reads the current value, then watches again: nothing missed. */
  #sync(): Promise<void> {
    this.#syncing ??= this.#doSync().finally(() => {
      this.#syncing = undefined
      this.events.synced()
    })
    return this.#syncing
  }

  async #doSync(): Promise<void> {
    const nc = this.#nc
    if (!nc || this.#closed) return
    stopWatch(this.#watcher)
    this.#watcher = undefined
    try {
      this.#kv ??= await nc.jetstream().views.kv(DESIRED_STATE_BUCKET, { bindOnly: true })
      const entry = await this.#kv.get(this.#key)
      this.events.state(entry?.operation === 'PUT' ? entry.value : null, entry?.revision ?? 0, true)
      const watcher = await this.#kv.watch({ key: this.#key })
      // close() may have come while the watch was being made: it is not wanted.
      if (this.#closed) stopWatch(watcher)
      else this.#watch(watcher)
    } catch (err) {
      if (isMissingBucket(err)) {
        // No control plane has created the bucket yet: there are no rules.
        this.events.state(null, 0, true)
      } else {
        this.events.problem('sync', err)
      }
      this.#retryTimer = setTimeout(() => this.#sync(), Math.min(this.options.reconnectTimeWaitMs * 2, 5_000))
      this.#retryTimer.unref()
    }
  }

  #watch(watcher: QueuedIterator<KvEntry>): void {
    this.#watcher = watcher
    ;(async () => {
      for await (const entry of watcher) {
        this.events.state(entry.operation === 'PUT' ? entry.value : null, entry.revision, false)
      }
    })()
      .catch((err) => this.events.problem('watch', err))
      .finally(() => {
        // Ended on its own (its subscription closed): make sure its monitor went with it.
        stopWatch(watcher)
        if (this.#watcher === watcher) this.#watcher = undefined
      })
  }

  /**
   * The bucket's stream got a new leader (the old one's node died or stepped
   * down). The watch's consumer lived with the old leader and is gone; the
   * client would notice only after missing two 5 s heartbeats. Watch again
   * now, after a random pause so a fleet does not come back all at once.
   */
  #leaderElected(): void {
    if (this.#closed || this.#leaderTimer) return
    this.#leaderTimer = setTimeout(
      () => {
        this.#leaderTimer = undefined
        if (this.#closed || this.#state !== 'connected') return
        // A sync in flight may have made its watch on the old leader: watch again after it.
        const after = this.#syncing ?? Promise.resolve()
        after.finally(() => this.#sync()).catch((err) => this.events.problem('sync', err))
      },
      Math.floor(Math.random() * LEADER_JITTER_MS),
    )
    this.#leaderTimer.unref()
  }

  #periodic(): void {
    if (this.#closed || this.#state !== 'connected' || this.#syncing) return
    if (!this.#watcher) {
      this.#sync().catch((err) => this.events.problem('sync', err))
      return
    }
    // A safety net beside the watch: only ever moves forward.
    this.#kv
      ?.get(this.#key)
      .then((entry) => {
        if (entry) this.events.state(entry.operation === 'PUT' ? entry.value : null, entry.revision, false)
      })
      .catch((err) => this.events.problem('resync', err))
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.#wake = resolve
      this.#retryTimer = setTimeout(resolve, ms)
      this.#retryTimer.unref()
    })
  }
}

function isMissingBucket(err: unknown): boolean {
  const text = String((err as Error)?.message ?? err)
  return /stream not found/i.test(text) || (err as { api_error?: { err_code?: number } })?.api_error?.err_code === 10059
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (err) => {
        clearTimeout(timer)
        reject(err)
      },
    )
  })
}

/**
 * Stops a KV watch for good. nats.js (2.29) cancels a watch's idle-heartbeat
 * monitor when its subscription closes, but one set up after that (the
 * connection closed while the watch was being created) is never cancelled and
 * its interval would keep the host alive after close(). Cancel it here too.
 */
function stopWatch(watcher: QueuedIterator<KvEntry> | undefined): void {
  if (!watcher) return
  watcher.stop()
  ;(watcher as unknown as { _data?: { monitor?: { cancel(): void } | null } })._data?.monitor?.cancel()
}
