import type { Logger, LoggerOptions } from 'pino'
import type { OtelSpans } from '../context/otel.js'
import { currentScope, type RequestScope } from '../context/request-context.js'
import {
  type Attributes,
  type EffectiveConfig,
  firstCovering,
  LEVEL_VALUES,
  type Level,
  loggerMatches,
  type Rule,
  ruleIds,
} from '../core/index.js'
import { type FlightRecorder, type RawRecord, timeOf } from './flight-recorder.js'
import { type BudgetLimits, type DropSummary, LogBudget } from './log-budget.js'
import { levelLabel } from './log-counts.js'
import { RequestLevels } from './request-levels.js'
import { Sampler } from './sampler.js'
import { TAIL_FLUSH_MS, type TailOutput, TailSet } from './tail-set.js'

/** The logger name of an SDK logger, inherited by the children an app makes of it. */
export const LOGGER_NAME: unique symbol = Symbol.for('prodbench.logger')

/**
 * What {@link LogEngine.configure} last did to a logger: a config that leaves
 * a logger's plan as it was then costs a string compare, not a pino
 * `setLevel` and new gates (a change to `db` re-applies every logger).
 */
const PLAN: unique symbol = Symbol('prodbench.plan')

interface LoggerPlan {
  readonly key: string
  readonly level: string
  readonly gates: ReadonlyArray<readonly [label: string, gate: Method]>
}

/** How a record being serialised is routed. */
const EMIT = 0
/** For a tail only: never written to the destination. */
const TAIL = 1
/** Serialised for a dump: returned, never written. */
const COLLECT = 2

type Method = (...args: unknown[]) => void
type LogMethodHook = NonNullable<NonNullable<LoggerOptions['hooks']>['logMethod']>

const LEVEL_STEPS = [10, 20, 30, 40, 50, 60] as const

/** What the engine needs from the SDK around it. */
export interface LogEngineParts {
  readonly budget: BudgetLimits
  readonly recorder: FlightRecorder | undefined
  /** Code default: keep records from this level up in the flight recorder. */
  readonly recordLevel: Level | undefined
  readonly publishTail: (batch: TailOutput) => void
  /** Writes the budget's drop summary (the SDK's own logger, at warn). */
  readonly summarise: (drops: DropSummary, limits: BudgetLimits) => void
  /** When `@opentelemetry/api` is present: records get the active span's `trace_id` and `span_id`. */
  readonly otel?: OtelSpans
  /** An error (or fatal) record was logged with an error object. */
  readonly onErrorLog?: (error: Error, logger: string, scope: RequestScope | undefined) => void
}

/**
 * Where prodbench meets pino's hot path. Levels stay plain pino levels; only
 * a level some rule may enable below a logger's effective level (for matching
 * requests, a tail, or the flight recorder) gets a gate instead of pino's
 * noop, and the gate asks the request's cached decision. The logMethod hook
 * applies sampling and the record budget before a record is serialised; the
 * streamWrite hook applies the byte budget, keeps the written line in the
 * flight recorder and offers it to tails.
 */
export class LogEngine {
  readonly requests = new RequestLevels()
  readonly sampler = new Sampler()
  readonly tails = new TailSet()
  readonly budget: LogBudget
  readonly recorder: FlightRecorder | undefined
  readonly #parts: LogEngineParts
  #records: readonly Rule[] = []
  /** The ids of `#records` (rules are immutable: same ids, same rules), for logger plans. */
  #recordsKey = ''
  #mode = EMIT
  /** > 0 while #level, #name and #rate describe the record being written (set by the hook or a gate). */
  #known = 0
  /** The error object of the error record being written (from its call's arguments), if it has one. */
  #error: Error | undefined = undefined
  #bypass = false
  #quiet = false
  #level = 30
  #name = ''
  #rate = 1
  #collected: string | undefined
  #propagation: { value: number; until: number } | undefined
  #budgetTimer: NodeJS.Timeout | undefined
  #tailTimer: NodeJS.Timeout | undefined
  #reapply: () => void = () => {}
  #closed = false
  readonly #otel: OtelSpans | undefined

  constructor(parts: LogEngineParts) {
    this.#parts = parts
    this.#otel = parts.otel?.available ? parts.otel : undefined
    this.budget = new LogBudget(parts.budget)
    this.recorder = parts.recorder
    this.#syncBudgetTimer()
  }

  /** Called after something changed every logger's plan (a propagated level arrived or ended). */
  onReapply(reapply: () => void): void {
    this.#reapply = reapply
  }

  /**
   * pino hooks for the root logger (or an adopted one), wrapping the app's
   * own. The log-method hook tells the write hook which record it is (level,
   * logger) and applies sampling and the record budget before pino
   * serialises; the write hook applies the byte budget, keeps the line in
   * the flight recorder and offers it to tails. Neither reads the line.
   */
  hooks(own: LoggerOptions['hooks'] = {}): NonNullable<LoggerOptions['hooks']> {
    const engine = this
    const user = own.logMethod
    const userStreamWrite = own.streamWrite as ((s: string) => string) | undefined
    const logMethod: LogMethodHook = function (this: Logger, args, method, level) {
      engine.#logMethod(this, args as unknown[], method as unknown as Method, level, user)
    }
    const streamWrite = (s: string): string => {
      const line = engine.#write(s)
      return userStreamWrite && line !== '' ? userStreamWrite(line) : line
    }
    return { ...own, logMethod, streamWrite }
  }

  /** Takes the log rules of a new config; the registry then calls {@link configure} for every logger. */
  update(config: EffectiveConfig): void {
    this.requests.update(config)
    this.sampler.update(config.samples)
    this.tails.update(config.tails)
    this.#records = config.records
    this.#recordsKey = ruleIds(config.records)
    const code = this.#parts.budget
    const rule = config.budget?.budget
    this.budget.limits = rule
      ? { recordsPerSec: rule.recordsPerSec || code.recordsPerSec, bytesPerSec: rule.bytesPerSec || code.bytesPerSec }
      : code
    this.budget.ruleId = config.budget?.id
    this.#syncBudgetTimer()
    this.#syncTailTimer()
  }

  /** Sets logger `name`'s pino level to `base`, with gates below it where a rule may enable more. */
  configure(logger: Logger, name: string, base: Level): void {
    const b = LEVEL_VALUES[base]
    const propagation = this.#propagation?.value ?? Number.POSITIVE_INFINITY
    const requestMin = Math.min(this.requests.minFor(name), propagation)
    const tailMin = this.tails.minLevelFor(name)
    const recordMin = this.#recordMinFor(name)
    const floor = Math.min(b, requestMin, tailMin, recordMin)
    const level = floor === Number.POSITIVE_INFINITY ? 'silent' : levelLabel(floor)
    // Gates read the record rules when made: they are part of the plan only where there are gates.
    const key = `${name}|${b}|${requestMin}|${tailMin}|${recordMin}|${floor < b ? this.#recordsKey : ''}`
    const methods = logger as unknown as Record<string, Method>
    const marks = logger as unknown as { [PLAN]?: LoggerPlan; [LOGGER_NAME]?: string }
    const last = marks[PLAN]
    // The app may have set the level itself since (pino then rebinds the methods): compare, do not trust.
    if (last?.key === key && logger.level === level && last.gates.every(([label, gate]) => methods[label] === gate)) {
      return
    }
    marks[LOGGER_NAME] = name
    logger.level = level
    const gates: Array<readonly [string, Method]> = []
    for (const v of LEVEL_STEPS) {
      if (v < floor || v >= b) continue
      const label = levelLabel(v)
      const gate = this.#gate(name, v, b, methods[label] as Method, { requestMin, tailMin, recordMin })
      methods[label] = gate
      gates.push([label, gate])
    }
    marks[PLAN] = { key, level, gates }
  }

  /**
   * A level propagated from upstream arrived with a request: make sure gates
   * exist down to it until it expires (they are removed then).
   */
  admitPropagated(levelValue: number, expiresAt: number): void {
    const current = this.#propagation
    if (current && current.value <= levelValue && current.until >= expiresAt) return
    this.#propagation = {
      value: Math.min(levelValue, current?.value ?? levelValue),
      until: Math.max(expiresAt, current?.until ?? 0),
    }
    this.#reapply()
    const timer = setTimeout(
      () => {
        if (this.#propagation && this.#propagation.until <= Date.now()) {
          this.#propagation = undefined
          this.#reapply()
        }
      },
      Math.max(this.#propagation.until - Date.now(), 0) + 10,
    )
    timer.unref()
  }

  /** Runs `fn` without opening incidents for the error records it logs (the caller opens its own). */
  quietly<T>(fn: () => T): T {
    const quiet = this.#quiet
    this.#quiet = true
    try {
      return fn()
    } finally {
      this.#quiet = quiet
    }
  }

  /** The flight recorder's records a dump selects, oldest first, serialised. */
  dump(filter: Parameters<FlightRecorder['dump']>[0]): string[] {
    return this.recorder ? this.recorder.dump(filter, (raw) => this.#serialise(raw)) : []
  }

  /** Stops the engine's timers and sends what tails still hold. Idempotent. */
  close(): void {
    if (this.#closed) return
    this.#closed = true
    this.#flushTails()
    clearInterval(this.#budgetTimer)
    clearInterval(this.#tailTimer)
  }

  /** Before serialisation: which record this is, sampling, and the record budget. */
  #logMethod(logger: Logger, args: unknown[], method: Method, level: number, user: LogMethodHook | undefined): void {
    const name = (logger as unknown as Record<symbol, string | undefined>)[LOGGER_NAME] ?? ''
    let rate = 1
    if (this.#mode === EMIT && !this.#bypass) {
      if (this.sampler.active) {
        rate = this.sampler.decide(name, level, scopeAttributes)
        if (rate === 0) return
      }
      if (this.budget.limited) {
        if (this.#budgetTimer === undefined) this.#startBudgetTimer()
        if (!this.budget.preAdmit(name, level)) return
      }
    }
    const level0 = this.#level
    const name0 = this.#name
    const rate0 = this.#rate
    const error0 = this.#error
    this.#level = level
    this.#name = name
    this.#rate = rate
    this.#error = level >= 50 ? errorArgument(args[0]) : undefined
    this.#known++
    try {
      if (user) user.call(logger, args as Parameters<LogMethodHook>[0], method as never, level)
      else method.apply(logger, args)
    } finally {
      this.#known--
      this.#level = level0
      this.#name = name0
      this.#rate = rate0
      this.#error = error0
    }
  }

  #write(s: string): string {
    if (this.#mode === COLLECT) {
      this.#collected = s
      return ''
    }
    // Unknown only for a record from a method made without our hook (a child
    // given its own level before its parent was adopted): counted as info.
    const known = this.#known > 0
    const level = known ? this.#level : 30
    if (this.#mode === TAIL) {
      this.tails.offer(this.#otel ? this.#withSpan(s) : s, this.#name, level, false, currentScope()?.attributes)
      return ''
    }
    const name = known ? this.#name : ''
    let line = known && this.#rate < 1 ? withField(s, `"sampleRate":${this.#rate}`) : s
    if (this.#otel !== undefined) line = this.#withSpan(line)
    if (this.budget.limited && !this.#bypass) {
      if (this.#budgetTimer === undefined) this.#startBudgetTimer()
      if (!this.budget.admit(level, line.length)) {
        this.budget.drop(name, level)
        return ''
      }
    }
    const error = known && !this.#quiet && !this.#bypass ? this.#error : undefined
    if (this.recorder === undefined && !this.tails.active && error === undefined) return line
    const scope = currentScope()
    this.recorder?.pushLine(line, level, name, scope)
    if (this.tails.active) this.tails.offer(line, name, level, true, scope?.attributes)
    if (error !== undefined) this.#errorLog(error, name, scope)
    if (level >= 50 && scope?.recorded !== undefined && this.recorder) line = this.#requestBlock(scope) + line
    return line
  }

  /** An error record logged with an error object opens an incident (after the line is in the ring: it is one of its records). */
  #errorLog(error: Error, name: string, scope: RequestScope | undefined): void {
    try {
      this.#parts.onErrorLog?.(error, name, scope)
    } catch {
      // an incident must never cost the host its log line
    }
  }

  /** `line` with the active span's ids, added after pino built it (no object copied, nothing when no span). */
  #withSpan(line: string): string {
    const ids = this.#otel?.active()
    return ids ? withField(line, `"trace_id":"${ids.traceId}","span_id":"${ids.spanId}"`) : line
  }

  #gate(
    name: string,
    v: number,
    base: number,
    real: Method,
    plan: { requestMin: number; tailMin: number; recordMin: number },
  ): Method {
    const engine = this
    const requests = this.requests
    const { requestMin, tailMin, recordMin } = plan
    // Most record rules do not depend on the request: answer them once here.
    const recordStatic = this.#records.every((r) => r.selector.where === undefined)
      ? this.#recordCovers(name, v, undefined)
      : undefined
    return function gated(this: object, ...args: unknown[]) {
      const scope = currentScope()
      if (scope !== undefined && requestMin <= v && requests.levelFor(scope, name, base) <= v) {
        real.apply(this, args)
        return
      }
      if (tailMin <= v && engine.tails.wants(name, v, scope?.attributes)) engine.#forTail(this, real, args, name, v)
      if (recordMin <= v && (recordStatic ?? engine.#recordCovers(name, v, scope))) {
        engine.recorder?.keep({ time: Date.now(), levelValue: v, name, logger: this, method: real, args, scope })
      }
    }
  }

  #forTail(logger: object, real: Method, args: unknown[], name: string, level: number): void {
    const mode = this.#mode
    const level0 = this.#level
    const name0 = this.#name
    this.#mode = TAIL
    this.#level = level
    this.#name = name
    this.#known++
    try {
      real.apply(logger, args)
    } finally {
      this.#known--
      this.#mode = mode
      this.#level = level0
      this.#name = name0
    }
  }

  #serialise(raw: RawRecord): string | undefined {
    const mode = this.#mode
    this.#mode = COLLECT
    this.#collected = undefined
    try {
      raw.method.apply(raw.logger, raw.args)
    } catch {
      return undefined
    } finally {
      this.#mode = mode
    }
    const line = this.#collected as string | undefined
    if (line === undefined) return undefined
    // pino stamped the dump's time: put back when the call was made.
    const at = timeOf(line)
    if (at === 0) return line
    return line.replace(/"time":(\d+|"[^"]*")/, (_, t: string) =>
      t.startsWith('"') ? `"time":"${new Date(raw.time).toISOString()}"` : `"time":${raw.time}`,
    )
  }

  /** A failing request's kept records, as lines written just before its error. */
  #requestBlock(scope: RequestScope): string {
    const records = this.recorder?.takeRequest(scope) ?? []
    let block = ''
    for (const raw of records) {
      const line = this.#serialise(raw)
      if (line !== undefined) block += withField(line, '"recorded":true')
    }
    return block
  }

  #recordMinFor(name: string): number {
    let min = this.#parts.recordLevel ? LEVEL_VALUES[this.#parts.recordLevel] : Number.POSITIVE_INFINITY
    if (!this.recorder) return Number.POSITIVE_INFINITY
    for (const rule of this.#records) {
      const value = LEVEL_VALUES[rule.record?.level ?? 'silent']
      if (value < min && loggerMatches(rule.selector.logger, name)) min = value
    }
    return min
  }

  #recordCovers(name: string, v: number, scope: RequestScope | undefined): boolean {
    const code = this.#parts.recordLevel
    if (code !== undefined && LEVEL_VALUES[code] <= v) return true
    const rule = firstCovering(this.#records, name, scope?.attributes)
    return rule !== undefined && LEVEL_VALUES[rule.record?.level ?? 'silent'] <= v
  }

  /** No budget, no window to roll: a budget's timer runs only while records flow (see #startBudgetTimer). */
  #syncBudgetTimer(): void {
    if (!this.budget.limited && this.#budgetTimer !== undefined) {
      clearInterval(this.#budgetTimer)
      this.#budgetTimer = undefined
    }
  }

  /**
   * Rolls the budget's one-second windows while records flow, and stops
   * after a window without any, so an idle service runs no timer for it.
   */
  #startBudgetTimer(): void {
    if (this.#closed) return
    this.#budgetTimer = setInterval(() => {
      const drops = this.budget.tick()
      if (drops) {
        this.#bypass = true
        try {
          this.#parts.summarise(drops, this.budget.limits)
        } finally {
          this.#bypass = false
        }
      } else if (this.budget.lastSecond.records === 0) {
        clearInterval(this.#budgetTimer)
        this.#budgetTimer = undefined
      }
    }, 1_000)
    this.#budgetTimer.unref()
  }

  #syncTailTimer(): void {
    if (this.#closed) return
    if (this.tails.active && !this.#tailTimer) {
      this.#tailTimer = setInterval(() => this.#flushTails(), TAIL_FLUSH_MS)
      this.#tailTimer.unref()
    } else if (!this.tails.active && this.#tailTimer) {
      this.#flushTails()
      clearInterval(this.#tailTimer)
      this.#tailTimer = undefined
    }
  }

  #flushTails(): void {
    for (const batch of this.tails.take()) this.#parts.publishTail(batch)
  }
}

/** The error a log call carries: `log.error(err)`, `log.error({ err })` or `log.error({ error })`. */
function errorArgument(first: unknown): Error | undefined {
  if (first instanceof Error) return first
  if (first === null || typeof first !== 'object') return undefined
  const { err, error } = first as { err?: unknown; error?: unknown }
  return err instanceof Error ? err : error instanceof Error ? error : undefined
}

function scopeAttributes(): Attributes | undefined {
  return currentScope()?.attributes
}

/** `line` (a JSON object, maybe newline-terminated) with `field` added before its closing brace. */
export function withField(line: string, field: string): string {
  const end = line.lastIndexOf('}')
  if (end < 0) return line
  return `${line.slice(0, end)}${end > 1 ? ',' : ''}${field}${line.slice(end)}`
}
