/**
 * Where every instance's log records go: counted by (instance, logger, level)
 * for the tour's checks, and printed through a filter with a line budget, so a
 * debug switch at 20 requests/s shows its effect without flooding the screen.
 */

import { formatRecord, type LogRecord, paint } from './pretty.js'

/** Which records to count or show. */
export interface RecordFilter {
  /** Logger name or prefix: "db" also matches "db.pool". */
  logger?: string
  /** Exact pino level number. */
  level?: number
  /** Instance label ("checkout#1"). */
  source?: string
}

interface Tally {
  count: number
  lastTime: number
}

/** Counts and prints instance log records. */
export class LogTap {
  private tallies = new Map<string, Tally>()
  private show: ((record: LogRecord) => boolean) | undefined
  private budget = 0
  private hidden = 0
  private perSecond = 0
  private readonly flusher: NodeJS.Timeout
  private collecting: { keep: (record: LogRecord) => boolean; records: LogRecord[] } | undefined

  constructor(private readonly write: (line: string) => void = (line) => console.log(line)) {
    // In the free-running mode the budget is per second; the overflow is summarised once a second.
    this.flusher = setInterval(() => {
      if (this.perSecond > 0) this.flushHidden()
    }, 1_000)
    this.flusher.unref()
  }

  /**
   * Takes one record from instance `source`. A failing request's kept records,
   * written beside its error and marked `recorded`, are not counted: the
   * counts are of what the levels let through.
   */
  add(source: string, record: LogRecord): void {
    if (record.recorded !== true) {
      const key = `${source}\u0000${record.logger ?? ''}\u0000${record.level}`
      const tally = this.tallies.get(key) ?? { count: 0, lastTime: 0 }
      tally.count++
      tally.lastTime = record.time ?? Date.now()
      this.tallies.set(key, tally)
    }
    if (this.collecting?.keep(record) && this.collecting.records.length < 10_000) this.collecting.records.push(record)
    if (!this.show?.(record)) return
    if (this.budget > 0) {
      this.budget--
      this.write(`  ${formatRecord(record, source)}`)
    } else {
      this.hidden++
    }
  }

  /** Keeps the records that pass `keep` from now on (at most 10,000), until the next call; returns them. */
  collect(keep: (record: LogRecord) => boolean): LogRecord[] {
    this.collecting = { keep, records: [] }
    return this.collecting.records
  }

  /** Forgets the counts: the next {@link count} covers what arrives from now on. */
  reset(): void {
    this.tallies = new Map()
  }

  /**
   * Prints records that pass `show`, at most `maxLines` until the next call
   * (or per second, with `perSecond`); the rest are counted as hidden.
   */
  display(show: ((record: LogRecord) => boolean) | undefined, maxLines = 0, perSecond = false): void {
    this.flushHidden()
    this.show = show
    this.budget = maxLines
    this.perSecond = perSecond ? maxLines : 0
  }

  /** Prints "… N more" for records the budget held back, and refills a per-second budget. */
  flushHidden(): void {
    if (this.hidden > 0) this.write(paint(90, `  … ${this.hidden} more not shown`))
    this.hidden = 0
    if (this.perSecond > 0) this.budget = this.perSecond
  }

  /** Records counted since the last reset that match `filter`. */
  count(filter: RecordFilter = {}): number {
    let total = 0
    for (const [, tally] of this.matching(filter)) total += tally.count
    return total
  }

  /** Time of the newest record matching `filter` since the last reset, or 0. */
  lastTime(filter: RecordFilter = {}): number {
    let last = 0
    for (const [, tally] of this.matching(filter)) last = Math.max(last, tally.lastTime)
    return last
  }

  /** Counts since the last reset per instance, for records matching `filter`. */
  countBySource(filter: RecordFilter = {}): Map<string, number> {
    const bySource = new Map<string, number>()
    for (const [key, tally] of this.matching(filter)) {
      const source = key.split('\u0000')[0] as string
      bySource.set(source, (bySource.get(source) ?? 0) + tally.count)
    }
    return bySource
  }

  /** Stops the timer. Idempotent. */
  close(): void {
    clearInterval(this.flusher)
    this.show = undefined
  }

  private *matching(filter: RecordFilter): Iterable<[string, Tally]> {
    for (const entry of this.tallies) {
      const [source, logger, level] = entry[0].split('\u0000') as [string, string, string]
      if (filter.source !== undefined && source !== filter.source) continue
      if (filter.level !== undefined && Number(level) !== filter.level) continue
      if (filter.logger !== undefined && !matchesLogger(logger, filter.logger)) continue
      yield entry
    }
  }
}

/** "db" matches "db" and "db.pool", not "dbx". */
export function matchesLogger(logger: string, prefix: string): boolean {
  return logger === prefix || logger.startsWith(`${prefix}.`)
}
