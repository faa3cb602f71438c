/**
 * A connection pool in front of the fake database. It behaves like pg's: a
 * fixed number of connections, a FIFO queue of waiters, and a timeout when the
 * queue does not move — the place latency hides when a service is busy.
 */

import type { Gauge, Histogram } from '@prodbench/sdk'
import { since } from './latency.js'
import type { Logger } from './logger.js'

/** One pooled connection. */
export interface Connection {
  /** Stable id, so trace lines show which connection ran what. */
  readonly id: number
}

/** Options of {@link ConnectionPool}. */
export interface PoolOptions {
  /**
   * Connections in the pool.
   * @default 5
   */
  size?: number
  /**
   * How long `acquire()` waits for a free connection before it fails.
   * @default 2000
   */
  acquireTimeoutMs?: number
  /**
   * Set to the busy connections on every acquire and release, so a capture
   * window's max shows the peak (a read at the window's end would mostly see 0).
   * @default none
   */
  inUse?: Gauge
  /**
   * Set to the queued `acquire()` calls whenever the queue changes.
   * @default none
   */
  waiting?: Gauge
}

/** Thrown by `acquire()` when no connection came free in time. */
export class PoolTimeoutError extends Error {
  override name = 'PoolTimeoutError'
  constructor(readonly waitedMs: number) {
    super(`no database connection free after ${waitedMs} ms`)
  }
}

interface Waiter {
  resolve(connection: Connection): void
  reject(error: Error): void
  timer: NodeJS.Timeout
}

/**
 * A fixed-size pool of fake connections, logged at trace on the `db.pool`
 * logger; each wait for a connection is recorded in the `waits` histogram,
 * busy and queued counts in the `inUse` and `waiting` gauges.
 */
export class ConnectionPool {
  readonly size: number
  private readonly acquireTimeoutMs: number
  private readonly idle: Connection[] = []
  private readonly waiters: Waiter[] = []
  private active = 0
  private closed = false
  private readonly inUse: Gauge | undefined
  private readonly waiting: Gauge | undefined

  constructor(
    private readonly log: Logger,
    /** `db.pool.wait` (µs): time from asking for a connection to getting one, or to the timeout. */
    private readonly waits: Histogram,
    options: PoolOptions = {},
  ) {
    this.size = options.size ?? 5
    this.acquireTimeoutMs = options.acquireTimeoutMs ?? 2_000
    this.inUse = options.inUse
    this.waiting = options.waiting
    this.inUse?.set(0)
    this.waiting?.set(0)
    for (let id = 1; id <= this.size; id++) this.idle.push({ id })
  }

  /** Counts for /health and for log lines. */
  stats(): { size: number; active: number; idle: number; waiting: number } {
    return { size: this.size, active: this.active, idle: this.idle.length, waiting: this.waiters.length }
  }

  /** Takes a connection, waiting in line when all are busy. */
  async acquire(reqId: string): Promise<Connection> {
    if (this.closed) throw new Error('pool is closed')
    const start = performance.now()
    // A free connection still counts (a ~0 µs wait): the histogram's count is then every acquire.
    const waited = this.waits.startTimer()
    const free = this.idle.pop()
    const connection =
      free ??
      (await new Promise<Connection>((resolve, reject) => {
        const timer = setTimeout(() => {
          const index = this.waiters.indexOf(waiter)
          if (index >= 0) this.waiters.splice(index, 1)
          this.waiting?.set(this.waiters.length)
          // A timed-out wait is the tail an operator looks for: it is recorded too.
          waited()
          reject(new PoolTimeoutError(since(start)))
        }, this.acquireTimeoutMs)
        const waiter: Waiter = { resolve, reject, timer }
        this.waiters.push(waiter)
        this.waiting?.set(this.waiters.length)
      }))
    waited()
    this.active++
    this.inUse?.set(this.active)
    this.log.trace({ reqId, conn: connection.id, waitMs: since(start), ...this.stats() }, 'connection acquired')
    return connection
  }

  /** A sanity check: a connection can be taken and given back (throws when the pool cannot serve). */
  async ping(): Promise<void> {
    const connection = await this.acquire('health-check')
    this.release(connection, 'health-check')
  }

  /** Gives a connection back; the longest waiter gets it first. */
  release(connection: Connection, reqId: string): void {
    this.active--
    this.inUse?.set(this.active)
    const waiter = this.waiters.shift()
    if (waiter) {
      this.waiting?.set(this.waiters.length)
      clearTimeout(waiter.timer)
      waiter.resolve(connection)
    } else {
      this.idle.push(connection)
    }
    this.log.trace({ reqId, conn: connection.id, ...this.stats() }, 'connection released')
  }

  /** Fails every waiter; idempotent. */
  close(): void {
    if (this.closed) return
    this.closed = true
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer)
      waiter.reject(new Error('pool is closed'))
    }
  }
}
