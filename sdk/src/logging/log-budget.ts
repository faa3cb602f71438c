import { LogCounts, levelLabel } from './log-counts.js'

/** Records and bytes per second an instance may write; 0 means no limit. */
export interface BudgetLimits {
  readonly recordsPerSec: number
  readonly bytesPerSec: number
}

/**
 * The share of the budget each level may use: once a second's use passes a
 * level's share, that level is dropped while higher ones still pass, so a
 * debug flood is cut first and errors last.
 */
function shareOf(levelValue: number): number {
  if (levelValue >= 50) return 1
  if (levelValue >= 40) return 0.95
  if (levelValue >= 30) return 0.85
  if (levelValue >= 20) return 0.7
  return 0.6
}

/** What the previous second dropped, for the one summary record. */
export interface DropSummary {
  readonly total: number
  readonly byLevel: Readonly<Record<string, number>>
  readonly byLogger: Readonly<Record<string, number>>
}

/**
 * Per-instance log budget over one-second windows, rolled by the engine's
 * timer (`tick`) so the hot path reads no clock. `preAdmit` runs before a
 * record is serialised (count only, so a flood costs no JSON); `admit` runs
 * after, with its size.
 */
export class LogBudget {
  limits: BudgetLimits
  /** Rule that set the limits; undefined when they are the code's. */
  ruleId: string | undefined
  /** Drops since start, per logger and level. */
  readonly dropped = new LogCounts()
  #records = 0
  #bytes = 0
  #lastRecords = 0
  #lastBytes = 0
  #windowDrops: { level: Map<number, number>; logger: Map<string, number>; total: number } | undefined

  constructor(limits: BudgetLimits) {
    this.limits = limits
  }

  /** True when any limit is set. */
  get limited(): boolean {
    return this.limits.recordsPerSec > 0 || this.limits.bytesPerSec > 0
  }

  /** Records and bytes written in the last whole window. */
  get lastSecond(): { records: number; bytes: number } {
    return { records: this.#lastRecords, bytes: this.#lastBytes }
  }

  /** Count check before serialising (sampling hook installed): false drops the record (and counts it). */
  preAdmit(logger: string, levelValue: number): boolean {
    const max = this.limits.recordsPerSec
    if (max > 0 && this.#records + 1 > max * shareOf(levelValue)) {
      this.drop(logger, levelValue)
      return false
    }
    return true
  }

  /**
   * Count and size check of a serialised record; true admits it and counts
   * its use. On false the caller counts the drop with {@link drop} (it
   * learns the logger name only then).
   */
  admit(levelValue: number, bytes: number): boolean {
    const share = shareOf(levelValue)
    const records = this.limits.recordsPerSec
    const max = this.limits.bytesPerSec
    if ((records > 0 && this.#records + 1 > records * share) || (max > 0 && this.#bytes + bytes > max * share)) {
      return false
    }
    this.#records++
    this.#bytes += bytes
    return true
  }

  /** Ends the window: returns what it dropped (for the one summary record), when it dropped anything. */
  tick(): DropSummary | undefined {
    this.#lastRecords = this.#records
    this.#lastBytes = this.#bytes
    this.#records = 0
    this.#bytes = 0
    const drops = this.#windowDrops
    if (!drops) return undefined
    this.#windowDrops = undefined
    const byLevel: Record<string, number> = {}
    for (const [value, n] of drops.level) byLevel[levelLabel(value)] = n
    return { total: drops.total, byLevel, byLogger: Object.fromEntries(drops.logger) }
  }

  /** Counts one record dropped over the budget. */
  drop(logger: string, levelValue: number): void {
    this.dropped.add(logger, levelValue)
    this.#windowDrops ??= { level: new Map(), logger: new Map(), total: 0 }
    const drops = this.#windowDrops
    drops.total++
    drops.level.set(levelValue, (drops.level.get(levelValue) ?? 0) + 1)
    const name = logger === '' ? '(root)' : logger
    drops.logger.set(name, (drops.logger.get(name) ?? 0) + 1)
  }
}
