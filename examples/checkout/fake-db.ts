/**
 * A stand-in for a SQL database: statements run against in-memory tables
 * after a realistic delay, through the connection pool. Every statement is
 * logged at debug on the `db` logger with its SQL, parameters, row count and
 * timing — the lines an operator turns on when a request is slow — and timed
 * into the `db.query.duration` histogram.
 */

import type { Histogram } from '@prodbench/sdk'
import type { Connection, ConnectionPool } from './db-pool.js'
import { simulateWork } from './latency.js'
import type { Logger } from './logger.js'

/** Statements slower than this are logged at warn, whatever the level. */
export const SLOW_QUERY_MS = 100

/** Runs statements on one connection: what a transaction body receives. */
export interface Executor {
  /** Runs `sql` (for the log) and `apply` (the in-memory effect); returns what `apply` returns. */
  query<T>(sql: string, params: readonly unknown[], apply: () => T): Promise<T>
}

/** The fake database: the pool, the timing and the logging of statements. */
export class Database {
  constructor(
    private readonly log: Logger,
    private readonly pool: ConnectionPool,
    /** `db.query.duration` (µs): every statement, BEGIN and COMMIT included, on its connection. */
    private readonly durations: Histogram,
    /** Median statement time in ms. */
    private readonly medianMs = 2.5,
  ) {}

  /** Runs one statement on a pooled connection. */
  async query<T>(reqId: string, sql: string, params: readonly unknown[], apply: () => T): Promise<T> {
    const connection = await this.pool.acquire(reqId)
    try {
      return await this.run(connection, reqId, sql, params, apply)
    } finally {
      this.pool.release(connection, reqId)
    }
  }

  /** Runs `body` in BEGIN … COMMIT on one connection; ROLLBACK when it throws. */
  async transaction<T>(reqId: string, body: (tx: Executor) => Promise<T>): Promise<T> {
    const connection = await this.pool.acquire(reqId)
    const tx: Executor = { query: (sql, params, apply) => this.run(connection, reqId, sql, params, apply) }
    try {
      await tx.query('BEGIN', [], () => undefined)
      const result = await body(tx)
      await tx.query('COMMIT', [], () => undefined)
      return result
    } catch (error) {
      await tx.query('ROLLBACK', [], () => undefined)
      throw error
    } finally {
      this.pool.release(connection, reqId)
    }
  }

  private async run<T>(
    connection: Connection,
    reqId: string,
    sql: string,
    params: readonly unknown[],
    apply: () => T,
  ): Promise<T> {
    const stop = this.durations.startTimer()
    // One statement in a hundred hits a cold page or a lock: the tail that makes p99.
    const median = Math.random() < 0.01 ? this.medianMs * 40 : this.medianMs
    const ms = await simulateWork(sql === 'BEGIN' || sql === 'COMMIT' ? median / 4 : median)
    const result = apply()
    stop()
    // Reads report rows returned, writes return their affected-row count.
    const rows = Array.isArray(result)
      ? result.length
      : typeof result === 'number'
        ? result
        : result === undefined
          ? 0
          : 1
    this.log.debug({ reqId, conn: connection.id, sql, params, rows, ms }, 'query')
    if (ms > SLOW_QUERY_MS) this.log.warn({ reqId, sql, ms }, 'slow query')
    return result
  }
}
