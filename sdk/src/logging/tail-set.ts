import {
  type Attributes,
  DEFAULT_TAIL_PER_SEC,
  LEVEL_VALUES,
  loggerMatches,
  type Rule,
  whereMatches,
} from '../core/index.js'

/** One batch of a tail, ready to publish. */
export interface TailOutput {
  readonly tailId: string
  readonly seq: number
  readonly records: string[]
  readonly dropped: number
}

/** Most records in one batch. */
const BATCH_MAX = 64
/** How often batches go out while a tail runs. */
export const TAIL_FLUSH_MS = 100

class RunningTail {
  readonly id: string
  readonly logger: string | undefined
  readonly where: Readonly<Record<string, string>> | undefined
  /** Lowest level streamed; undefined: what the instance writes anyway. */
  readonly levelValue: number | undefined
  readonly maxPerSec: number
  seq = 0
  batch: string[] = []
  dropped = 0
  #second = 0
  #inSecond = 0

  constructor(rule: Rule) {
    this.id = rule.id
    this.logger = rule.selector.logger
    this.where = rule.selector.where
    this.levelValue = rule.tail?.level ? LEVEL_VALUES[rule.tail.level] : undefined
    this.maxPerSec = rule.tail?.maxPerSec ?? DEFAULT_TAIL_PER_SEC
  }

  covers(name: string, levelValue: number, emitted: boolean, attributes: Attributes | undefined): boolean {
    if (this.levelValue === undefined ? !emitted : levelValue < this.levelValue) return false
    return loggerMatches(this.logger, name) && whereMatches(this.where, attributes)
  }

  offer(line: string, now: number): void {
    const second = Math.floor(now / 1_000)
    if (second !== this.#second) {
      this.#second = second
      this.#inSecond = 0
    }
    if (this.#inSecond >= this.maxPerSec) {
      this.dropped++
      return
    }
    this.#inSecond++
    this.batch.push(line.endsWith('\n') ? line.slice(0, -1) : line)
  }
}

/**
 * The tails running on this instance. Records reach a tail two ways: those
 * the instance writes anyway (offered after they are written) and those below
 * the effective level that a tail asked for (serialised for the tail only,
 * never written to the instance's destination).
 */
export class TailSet {
  #tails: RunningTail[] = []
  #dropped = 0

  /** True while any tail runs: the write path checks it before anything else. */
  active = false

  /** Replaces the running tails with the tail rules of a new config (a kept tail keeps its state). */
  update(rules: readonly Rule[]): void {
    const kept = new Map(this.#tails.map((t) => [t.id, t]))
    this.#tails = rules.map((rule) => kept.get(rule.id) ?? new RunningTail(rule))
    this.active = this.#tails.length > 0
  }

  /** Lowest explicit tail level covering logger `name` (gates below the effective level use it). */
  minLevelFor(name: string): number {
    let min = Number.POSITIVE_INFINITY
    for (const tail of this.#tails) {
      if (tail.levelValue !== undefined && tail.levelValue < min && loggerMatches(tail.logger, name)) {
        min = tail.levelValue
      }
    }
    return min
  }

  /** True when a tail wants a record the instance does not write. */
  wants(name: string, levelValue: number, attributes: Attributes | undefined): boolean {
    for (const tail of this.#tails) if (tail.covers(name, levelValue, false, attributes)) return true
    return false
  }

  /** Offers a record to every tail covering it. */
  offer(line: string, name: string, levelValue: number, emitted: boolean, attributes: Attributes | undefined): void {
    const now = Date.now()
    for (const tail of this.#tails) {
      if (tail.covers(name, levelValue, emitted, attributes)) tail.offer(line, now)
    }
  }

  /** Batches ready to go out, taken (each tail's records in order, BATCH_MAX per batch). */
  take(): TailOutput[] {
    const out: TailOutput[] = []
    for (const tail of this.#tails) {
      while (tail.batch.length > 0 || tail.dropped > 0) {
        const records = tail.batch.splice(0, BATCH_MAX)
        this.#dropped += tail.dropped
        out.push({ tailId: tail.id, seq: ++tail.seq, records, dropped: tail.dropped })
        tail.dropped = 0
      }
    }
    return out
  }

  /** Records dropped over a tail's rate since start. */
  get dropped(): number {
    return this.#dropped
  }
}
