/**
 * Values of the precision-logging flags: `--where` request attributes,
 * sampling rates and byte sizes. Each problem becomes a {@link UsageError}
 * naming the flag and the bad value.
 */
import { AttributeName, MAX_WHERE_ATTRIBUTES } from '@prodbench/sdk/core'
import { UsageError } from './errors.js'

/** Request attributes a rule requires (`user=42`, `tenant=acme`). */
export type Where = Record<string, string>

/** Longest attribute value (the server's limit). */
const MAX_VALUE_LENGTH = 256

/**
 * `--where user=42,tenant=acme` (repeatable) → `{ user: '42', tenant: 'acme' }`.
 * A comma splits only before another `name=`, so a value may hold commas
 * (`--where route=/a,b`).
 */
export function parseWhere(command: string, texts: readonly string[]): Where {
  const where: Where = {}
  for (const text of texts) {
    for (const pair of text.split(/,(?=[A-Za-z_][A-Za-z0-9_.-]*=)/)) {
      const eq = pair.indexOf('=')
      if (eq <= 0) throw new UsageError(`bad --where "${pair}": expected NAME=VALUE, e.g. --where user=42`, command)
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1)
      const named = AttributeName.safeParse(name)
      if (!named.success) throw new UsageError(`bad --where name "${name}": ${named.error.issues[0]?.message}`, command)
      if (value === '') throw new UsageError(`bad --where ${name}=: give a value (--where ${name}=VALUE)`, command)
      if (value.length > MAX_VALUE_LENGTH) {
        throw new UsageError(`bad --where ${name}=: at most ${MAX_VALUE_LENGTH} characters`, command)
      }
      if (Object.hasOwn(where, name)) throw new UsageError(`--where ${name}= given twice`, command)
      where[name] = value
    }
  }
  if (Object.keys(where).length > MAX_WHERE_ATTRIBUTES) {
    throw new UsageError(`--where takes at most ${MAX_WHERE_ATTRIBUTES} attributes`, command)
  }
  return where
}

/** A sampling rate: `0.1` or `10%`, above 0 and at most 1. */
export function rateValue(command: string, text: string): number {
  const percent = text.endsWith('%')
  const number = percent ? text.slice(0, -1) : text
  const value = /^\d*\.?\d+(e-?\d+)?$/i.test(number) ? Number(number) / (percent ? 100 : 1) : Number.NaN
  if (!Number.isFinite(value) || value <= 0 || value > 1) {
    throw new UsageError(`bad rate="${text}": expected a fraction above 0 and at most 1 (0.1 or 10%)`, command)
  }
  return value
}

const UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  kb: 1_000,
  mb: 1_000_000,
  gb: 1_000_000_000,
  kib: 1_024,
  mib: 1_048_576,
  gib: 1_073_741_824,
  k: 1_024,
  m: 1_048_576,
  g: 1_073_741_824,
}

/** `65536`, `512KiB`, `1MiB`, `1.5MB` → bytes (whole), or undefined when not a size. */
export function parseSize(text: string): number | undefined {
  const match = /^\s*(\d*\.?\d+)\s*([a-z]*)\s*$/i.exec(text)
  const unit = UNITS[(match?.[2] ?? '').toLowerCase()]
  if (!match || unit === undefined) return undefined
  return Math.round(Number(match[1]) * unit)
}

/** A size for `flag`, or a usage error. */
export function sizeValue(command: string, flag: string, text: string): number {
  const bytes = parseSize(text)
  if (bytes === undefined)
    throw new UsageError(`bad ${flag}"${text}": expected a size such as 65536, 512KiB or 1MiB`, command)
  return bytes
}
