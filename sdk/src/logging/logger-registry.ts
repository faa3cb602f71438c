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

/** A logger's level with its reason, as reported in status, acks and heartbeats. */
export interface LoggerLevel extends ResolvedLevel {
  /** Logger name; '' for the root logger. */
  readonly logger: string
}

/**
 * The service's pino loggers: one root and named children (`db`, `db.pool`).
 * Each is a plain pino child whose `level` is set from the effective config,
 * so a disabled level stays pino's noop and an enabled one costs what pino
 * costs: applying a config touches the loggers, logging never touches us.
 */
export class LoggerRegistry {
  readonly #root: Logger
  readonly #loggers = new Map<string, Logger>()
  readonly #codeLevels: Map<string, Level>
  readonly #fallback: Level
  #config: EffectiveConfig

  constructor(options: {
    pino: LoggerOptions
    destination?: DestinationStream
    level: Level
    levels: ReadonlyMap<string, Level>
    config: EffectiveConfig
  }) {
    this.#fallback = options.level
    this.#codeLevels = new Map(options.levels)
    this.#config = options.config
    const pinoOptions: LoggerOptions = { ...options.pino, level: options.level }
    this.#root = options.destination ? pino(pinoOptions, options.destination) : pino(pinoOptions)
    this.#root.level = this.#resolve('').level
    this.#loggers.set('', this.#root)
  }

  /**
   * The logger named `name` ('' or undefined for the root), created on first
   * use. An invalid name is made valid (each segment sanitised) rather than
   * thrown, and an unknown `level` is ignored; `onBadName` hears about either.
   */
  get(name = '', level?: Level, onBadName?: (why: string) => void): Logger {
    let key = name
    if (key !== '') {
      const why = loggerNameProblem(key)
      if (why) {
        key = key
          .split('.')
          .map((segment) => toToken(segment, 64))
          .join('.')
        onBadName?.(`logger name ${JSON.stringify(name.slice(0, 80))} ${why}; using "${key}"`)
      }
    }
    if (level !== undefined && !isLevel(level)) {
      onBadName?.(`level ${JSON.stringify(String(level).slice(0, 40))} for logger "${key}" is not a level; ignored`)
    } else if (level !== undefined && this.#codeLevels.get(key) !== level) {
      this.#codeLevels.set(key, level)
      this.#applyAll()
    }
    let logger = this.#loggers.get(key)
    if (!logger) {
      logger = this.#root.child({ logger: key })
      logger.level = this.#resolve(key).level
      this.#loggers.set(key, logger)
    }
    return logger
  }

  /** Applies a new effective config to every logger, those made before and after. */
  apply(config: EffectiveConfig): void {
    this.#config = config
    this.#applyAll()
  }

  /** Every known logger's level and where it comes from, root first, then by name. */
  levels(): LoggerLevel[] {
    return [...this.#loggers.keys()].sort().map((logger) => ({ logger, ...this.#resolve(logger) }))
  }

  /** How many loggers exist, the root included. */
  get size(): number {
    return this.#loggers.size
  }

  /** The root pino logger. */
  get root(): Logger {
    return this.#root
  }

  #applyAll(): void {
    for (const [name, logger] of this.#loggers) {
      const { level } = this.#resolve(name)
      if (logger.level !== level) logger.level = level
    }
  }

  #resolve(name: string): ResolvedLevel {
    return levelFor(this.#config, name, this.#fallback, this.#codeLevels)
  }
}
