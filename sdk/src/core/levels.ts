import { z } from 'zod'

/** pino's levels, plus `silent`, from most to least verbose. */
export const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const

/** A log level name. */
export const Level = z.enum(LEVELS)
export type Level = z.infer<typeof Level>

/** pino's numeric value of each level. */
export const LEVEL_VALUES: Readonly<Record<Level, number>> = Object.freeze({
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Number.POSITIVE_INFINITY,
})

/** True when `level` is a known level name. */
export function isLevel(level: unknown): level is Level {
  return typeof level === 'string' && (LEVELS as readonly string[]).includes(level)
}
