import { LEVEL_VALUES, LEVELS, type Level } from '../core/index.js'

/** A count of records of one logger at one level. */
export interface LogCount {
  readonly logger: string
  readonly level: Level
  readonly count: number
}

const LABELS = new Map<number, Level>(LEVELS.map((level) => [LEVEL_VALUES[level], level]))

/** The level name of a pino level value ('info' for custom values between). */
export function levelLabel(value: number): Level {
  return LABELS.get(value) ?? (value >= 60 ? 'fatal' : value >= 50 ? 'error' : value >= 40 ? 'warn' : 'info')
}

/** Record counts per (logger, level): what was dropped, sampled out... */
export class LogCounts {
  readonly #counts = new Map<string, number>()
  #total = 0

  add(logger: string, levelValue: number, n = 1): void {
    const key = `${levelValue}\u0000${logger}`
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + n)
    this.#total += n
  }

  /** Sum over every logger and level. */
  get total(): number {
    return this.#total
  }

  /** Every count, by logger then level. */
  list(): LogCount[] {
    return [...this.#counts]
      .map(([key, count]) => {
        const cut = key.indexOf('\u0000')
        return { logger: key.slice(cut + 1), level: levelLabel(Number(key.slice(0, cut))), count }
      })
      .sort((a, b) =>
        a.logger < b.logger ? -1 : a.logger > b.logger ? 1 : LEVEL_VALUES[a.level] - LEVEL_VALUES[b.level],
      )
  }
}
