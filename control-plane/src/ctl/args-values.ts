/**
 * Reading a command's words: flag values (durations, counts, reasons), the
 * service and stray bare words. Shared by every command's parser; each
 * problem becomes a {@link UsageError} naming the flag and the bad value.
 */
import { formatDuration, parseDuration } from '@prodbench/sdk/core'
import { UsageError } from './errors.js'

/** What node:util parseArgs hands back, by flag name. */
export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>

/** Options every change (set-level, reset, rm, capture start/stop) takes. */
export interface ChangeOptions {
  /** Why; recorded in the audit log. */
  reason?: string
  /** How long the server waits for acks; undefined = the server's default. */
  waitMs?: number
}

/** The longest --wait accepted: past this, something is wrong with the fleet, not the wait. */
export const MAX_WAIT_MS = 10 * 60_000

/** --reason and --wait of a change. */
export function changeOptions(name: string, values: Values): ChangeOptions {
  const reason = stringValue(values, 'reason')
  if (reason !== undefined && reason.length > 1_000) {
    throw new UsageError(`--reason is too long: at most 1000 characters (got ${reason.length})`, name)
  }
  const wait = stringValue(values, 'wait')
  return {
    ...optional('reason', reason || undefined),
    ...optional('waitMs', wait === undefined ? undefined : durationMs(name, '--wait', wait, MAX_WAIT_MS)),
  }
}

/** A positive duration with a unit, at most `max`. */
export function durationMs(command: string, flag: string, text: string, max: number): number {
  // parseDuration reads a bare number as milliseconds; on a command line "--ttl 15" is a slip, not 15 ms.
  if (/^\s*\d+\s*$/.test(text))
    throw new UsageError(`bad ${flag} "${text}": give a unit, e.g. ${text}s or ${text}m`, command)
  const ms = parseDuration(text)
  if (ms === undefined) {
    throw new UsageError(`bad ${flag} "${text}": expected a duration such as 90s, 15m, 1h30m or 2d`, command)
  }
  if (ms <= 0) throw new UsageError(`bad ${flag} "${text}": must be longer than 0`, command)
  if (ms > max) throw new UsageError(`bad ${flag} "${text}": at most ${formatDuration(max)}`, command)
  return ms
}

/** A whole number in [min, max]. */
export function integerValue(command: string, flag: string, text: string, min: number, max: number): number {
  if (!/^\s*\d+\s*$/.test(text)) throw new UsageError(`bad ${flag} "${text}": expected a whole number`, command)
  const value = Number(text)
  if (value < min || value > max) throw new UsageError(`bad ${flag} "${text}": must be ${min} to ${max}`, command)
  return value
}

/** The string value of flag `name`, or undefined (absent, or a boolean flag). */
export function stringValue(values: Values, name: string): string | undefined {
  const value = values[name]
  return typeof value === 'string' ? value : undefined
}

/** `{ [key]: value }` when value is defined, `{}` otherwise, so absent fields stay absent. */
export function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>)
}

/** The words of a command line, split by args.ts (keys already checked). */
export interface CommandWords<K extends string> {
  /** `key=value` words. */
  keys: Partial<Record<K, string>>
  /** Words that are neither `key=value` nor flags. */
  bare: string[]
  /** The flags. */
  values: Values
}

/**
 * The service the command names with `svc=SERVICE`.
 * @throws {UsageError} when it names none
 */
export function serviceOf(name: string, keys: { readonly svc?: string | undefined }): string {
  if (keys.svc === undefined) throw new UsageError(`${name} needs svc=SERVICE (which service?)`, name)
  return keys.svc
}

/** @throws {UsageError} naming the first bare word, for a command that takes none */
export function noBareWords(name: string, bare: readonly string[]): void {
  if (bare.length > 0) throw new UsageError(`unexpected argument "${bare[0]}"`, name)
}
