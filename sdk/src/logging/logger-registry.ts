import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino'
import {
  type EffectiveConfig,
  isLevel,
  type Level,
  levelFor,
  loggerNameProblem,
  type ResolvedLevel,
  toToken,
} from '../core/index.js'
import type { LogEngine } from './log-engine.js'

/** Marks a logger whose hooks already go through the engine. */
const ADOPTED = Symbol('prodbench.adopted')

/** A logger's level with its reason, as reported in status, acks and heartbeats. */
export interface LoggerLevel extends ResolvedLevel {
  /** Logger name; '' for the root logger. */
  readonly logger: string
}

/**
 * The service's pino loggers: one root and named children (`db`, `db.pool`).
 * Each is a plain pino child whose `level` is set from the effective config,
 * so a disabled level stays pino's noop and an enabled one costs what pino
 * costs: applying a config touches the loggers. Only where a rule may enable
 * a level below that for some requests, a tail or the flight recorder does
 * the engine put a gate in place of the noop (see log-engine.ts).
 */
export class LoggerRegistry {
  readonly #root: Logger
  readonly #loggers = new Map<string, Logger>()
  readonly #codeLevels: Map<string, Level>
  readonly #fallback: Level
  readonly #engine: LogEngine
  #config: EffectiveConfig
  /** What {@link levels} returns until a config, logger or code level changes it (every ack and heartbeat asks). */
  #levels: LoggerLevel[] | undefined

  constructor(options: {
    pino: LoggerOptions
    destination?: DestinationStream
    level: Level
    levels: ReadonlyMap<string, Level>
    config: EffectiveConfig
    engine: LogEngine
  }) {
    this.#fallback = options.level
    this.#codeLevels = new Map(options.levels)
    this.#config = options.config
    this.#engine = options.engine
    this.#engine.update(options.config)
    const pinoOptions: LoggerOptions = {
      ...options.pino,
      level: options.level,
      hooks: this.#engine.hooks(options.pino.hooks),
    }
    this.#root = options.destination ? pino(pinoOptions, options.destination) : pino(pinoOptions)
    this.#engine.configure(this.#root, '', this.#resolve('').level)
    this.#loggers.set('', this.#root)
    this.#engine.onReapply(() => this.#applyAll())
  }

  /**
   * The logger named `name` ('' or undefined for the root), created on first
   * use. An invalid name is made valid (each segment sanitised) rather than
   * thrown, and an unknown `level` is ignored; `onBadName` hears about either.
   */
  get(name = '', level?: Level, onBadName?: (why: string) => void): Logger {
    const key = this.#key(name, onBadName)
    if (level !== undefined && !isLevel(level)) {
      onBadName?.(`level ${JSON.stringify(String(level).slice(0, 40))} for logger "${key}" is not a level; ignored`)
    } else if (level !== undefined && this.#codeLevels.get(key) !== level) {
      this.#codeLevels.set(key, level)
      this.#applyAll()
    }
    let logger = this.#loggers.get(key)
    if (!logger) {
      logger = this.#root.child({ logger: key })
      this.#engine.configure(logger, key, this.#resolve(key).level)
      this.#loggers.set(key, logger)
      this.#levels = undefined
    }
    return logger
  }

  /**
   * Puts an app's existing pino logger under live control as logger `name`:
   * its level follows the rules from now on, and its destination,
   * serializers, redaction and transports stay its own. Children made of it
   * (before or after) follow it unless given their own level. Its level now
   * becomes the code's default for `name` when `levels` did not set one.
   */
  adopt(logger: Logger, name: string, onBadName?: (why: string) => void): Logger {
    const key = this.#key(name, onBadName)
    const slot = logger as unknown as Record<symbol, unknown>
    if (slot[ADOPTED] === undefined) {
      slot[pino.symbols.hooksSym] = this.#engine.hooks(slot[pino.symbols.hooksSym] as LoggerOptions['hooks'])
      slot[ADOPTED] = key
    }
    if (!this.#codeLevels.has(key) && isLevel(logger.level)) this.#codeLevels.set(key, logger.level)
    this.#loggers.set(key, logger)
    this.#levels = undefined
    this.#engine.configure(logger, key, this.#resolve(key).level)
    return logger
  }

  /** Applies a new effective config to every logger, those made before and after. */
  apply(config: EffectiveConfig): void {
    this.#config = config
    this.#engine.update(config)
    this.#applyAll()
  }

  /** Every known logger's level and where it comes from, root first, then by name. */
  levels(): readonly LoggerLevel[] {
    this.#levels ??= [...this.#loggers.keys()].sort().map((logger) => ({ logger, ...this.#resolve(logger) }))
    return this.#levels
  }

  /** How many loggers exist, the root included. */
  get size(): number {
    return this.#loggers.size
  }

  /** The root pino logger. */
  get root(): Logger {
    return this.#root
  }

  #key(name: string, onBadName?: (why: string) => void): string {
    if (name === '') return name
    const why = loggerNameProblem(name)
    if (!why) return name
    const key = String(name)
      .split('.')
      .map((segment) => toToken(segment, 64))
      .join('.')
    onBadName?.(`logger name ${JSON.stringify(String(name).slice(0, 80))} ${why}; using "${key}"`)
    return key
  }

  #applyAll(): void {
    this.#levels = undefined
    for (const [name, logger] of this.#loggers) this.#engine.configure(logger, name, this.#resolve(name).level)
  }

  #resolve(name: string): ResolvedLevel {
    return levelFor(this.#config, name, this.#fallback, this.#codeLevels)
  }
}
