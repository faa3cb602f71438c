/**
 * Log records and log rules as people read them: one pino JSON record as a
 * pino-pretty style line (time, level, instance, logger, message, then the
 * other fields), and the actions of sample, budget, record and tail rules.
 * Pure: no I/O, no clock.
 */
import { formatCount, formatValue } from './format-units.js'
import type { Style } from './style.js'

/** pino's level numbers. */
const LEVEL_NAMES: Readonly<Record<number, string>> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
}

/** Fields every record has, or that the line already shows. */
const SHOWN = new Set(['level', 'time', 'pid', 'hostname', 'logger', 'msg', 'service', 'instance'])

/** A record's pino level number, time and instance, read for sorting (records that are not JSON have none). */
export interface RecordKey {
  readonly time: number | undefined
  readonly level: number | undefined
}

/** `time` and `level` of a record line, when it is a pino JSON object. */
export function recordKey(line: string): RecordKey {
  const record = parse(line)
  return {
    time: typeof record?.time === 'number' ? record.time : undefined,
    level: typeof record?.level === 'number' ? record.level : undefined,
  }
}

/**
 * One record as a line: `12:00:01.234 DEBUG web1 db: query sql="SELECT 1" ms=2.1`.
 * The level word is coloured by `style` (which is the identity when colour is
 * off); `instance` is used when the record does not name its own. An error's
 * stack follows on indented lines. A line that is not a JSON object is
 * printed as it is, after the instance.
 */
export function formatRecordLine(line: string, instance: string | undefined, style: Style): string {
  const record = parse(line)
  if (!record) return `${instance ? `${instance} ` : ''}${line}`
  const level = typeof record.level === 'number' ? record.level : Number(record.level)
  const name = (LEVEL_NAMES[level] ?? String(record.level ?? '?')).padEnd(5)
  const source = typeof record.instance === 'string' ? record.instance : instance
  const logger = typeof record.logger === 'string' && record.logger ? `${record.logger}:` : ''
  const head = [
    typeof record.time === 'number' ? clock(record.time) : '--:--:--.---',
    paintLevel(level, name, style),
    ...(source ? [style.dim(source)] : []),
    ...(logger ? [style.cyan(logger)] : []),
    typeof record.msg === 'string' ? record.msg : '',
  ]
    .join(' ')
    .trimEnd()
  const stacks: string[] = []
  const fields = Object.entries(record)
    .filter(([key]) => !SHOWN.has(key))
    .map(([key, value]) => {
      const stack = errorStack(value)
      if (stack) stacks.push(...stack.split('\n').map((text) => `    ${text}`))
      return `${key}=${fieldValue(value, stack !== undefined)}`
    })
  return [fields.length > 0 ? `${head}  ${fields.join(' ')}` : head, ...stacks].join('\n')
}

/** Local wall-clock time with milliseconds: "14:03:07.250". */
export function clock(ms: number): string {
  const date = new Date(ms)
  const two = (n: number) => String(n).padStart(2, '0')
  const millis = String(date.getMilliseconds()).padStart(3, '0')
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${millis}`
}

/** A rate as people write it: 0.1 → "10%", 0.005 → "0.5%". */
export function percent(rate: number): string {
  return `${Number((rate * 100).toPrecision(4))}%`
}

/** "1,000 records/s", "1MiB/s", "1,000 records/s and 1MiB/s", or "code default". */
export function budgetText(recordsPerSec: number | undefined, bytesPerSec: number | undefined): string {
  const parts = [
    ...(recordsPerSec ? [`${formatCount(recordsPerSec)} records/s`] : []),
    ...(bytesPerSec ? [`${formatValue(bytesPerSec, 'bytes')}/s`] : []),
  ]
  return parts.length > 0 ? parts.join(' and ') : 'no limit'
}

/** The request attributes of a selector: " where user=42 tenant=acme", or "" without any. */
export function whereText(where: Readonly<Record<string, string>> | undefined): string {
  const pairs = Object.entries(where ?? {})
  return pairs.length > 0 ? ` where ${pairs.map(([key, value]) => `${key}=${value}`).join(' ')}` : ''
}

/** The action of a log rule beyond a plain level: "sample debug 10%", "budget 1,000 records/s", "record debug", "tail debug". */
export function logActionText(rule: {
  sample?: { level?: string; rate?: number } | null
  budget?: { recordsPerSec?: number; bytesPerSec?: number } | null
  record?: { level?: string } | null
  tail?: { level?: string; maxPerSec?: number } | null
}): string | undefined {
  if (rule.sample) return `sample ${rule.sample.level ?? '?'} ${percent(rule.sample.rate ?? 0)}`
  if (rule.budget) return `budget ${budgetText(rule.budget.recordsPerSec, rule.budget.bytesPerSec)}`
  if (rule.record) return `record ${rule.record.level ?? '?'}`
  if (rule.tail) {
    const rate = rule.tail.maxPerSec ? ` ${formatCount(rule.tail.maxPerSec)}/s` : ''
    return `tail ${rule.tail.level || 'effective level'}${rate}`
  }
  return undefined
}

function parse(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined
  try {
    const value = JSON.parse(line) as unknown
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

function paintLevel(level: number, text: string, style: Style): string {
  if (level >= 60) return style.bold(style.red(text))
  if (level >= 50) return style.red(text)
  if (level >= 40) return style.yellow(text)
  if (level >= 30) return style.green(text)
  if (level >= 20) return style.cyan(text)
  return style.dim(text)
}

/** A serialised error's stack (pino's `err` serializer keeps `stack`), if the value has one. */
function errorStack(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const stack = (value as { stack?: unknown }).stack
  return typeof stack === 'string' && stack.length > 0 ? stack : undefined
}

function fieldValue(value: unknown, hasStack: boolean): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value)
  if (hasStack) {
    // The stack follows on its own lines: show the rest of the error here.
    const { stack: _stack, ...rest } = value as Record<string, unknown>
    return JSON.stringify(rest)
  }
  return JSON.stringify(value) ?? String(value)
}
