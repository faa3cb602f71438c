/**
 * The command lines of the precision-logging commands: `sample`, `budget`,
 * `record` (rules), `tail` (a live stream) and `dump` (flight recorders), and
 * the `--where` flag they share with set-level. args.ts splits the words;
 * this turns them into commands.
 */
import type { ParseArgsConfig } from 'node:util'
import {
  Level,
  MAX_BUDGET_BYTES_PER_SEC,
  MAX_BUDGET_RECORDS_PER_SEC,
  MAX_TAIL_PER_SEC,
  MAX_TTL_MS,
  parseDuration,
} from '@prodbench/sdk/core'
import {
  type ChangeOptions,
  type CommandWords,
  changeOptions,
  durationMs,
  integerValue,
  optional,
  serviceOf,
  stringValue,
  type Values,
} from './args-values.js'
import { parseSize, parseWhere, rateValue, sizeValue, type Where } from './args-where.js'
import { UsageError } from './errors.js'

export { parseWhere, type Where } from './args-where.js'

/** TTL of `ctl record` when --ttl is not given: recording below the level costs, so it should end by itself. */
export const DEFAULT_RECORD_TTL_MS = 60 * 60_000
/** Most records `ctl dump --last` asks each instance for. */
export const MAX_DUMP_LAST = 10_000
/** Longest `ctl tail --ttl` (the server caps it too, at 1 h by default). */
export const MAX_TAIL_TTL_MS = 24 * 60 * 60_000

/** A level a record can have. */
const RecordLevel = Level.exclude(['silent'])
type RecordLevel = Exclude<Level, 'silent'>

/** What every log rule command selects. */
interface Selection {
  service: string
  instance?: string
  logger?: string
  where?: Where
}

/** `ctl sample`: keep a fraction of the records at a level and below. */
export type SampleCommand = { name: 'sample'; level: RecordLevel; rate: number; ttlMs?: number } & Selection &
  ChangeOptions
/** `ctl budget`: most records and/or bytes per second and instance. */
export type BudgetCommand = {
  name: 'budget'
  service: string
  instance?: string
  recordsPerSec?: number
  bytesPerSec?: number
  ttlMs?: number
} & ChangeOptions
/** `ctl record`: keep records below the level in the flight recorder. `ttlMs` 0 means no expiry. */
export type RecordCommand = { name: 'record'; level: RecordLevel; ttlMs: number } & Selection & ChangeOptions
/** `ctl tail`: stream matching records until Ctrl-C or the tail's end. */
export type TailCommand = {
  name: 'tail'
  level?: RecordLevel
  ttlMs?: number
  maxPerSec?: number
  reason?: string
} & Selection
/** `ctl dump`: the flight recorders of one or every live instance. */
export type DumpCommand = { name: 'dump'; level?: RecordLevel; last?: number; waitMs?: number } & Selection

/** Every precision-logging command. */
export type LogsCommand = SampleCommand | BudgetCommand | RecordCommand | TailCommand | DumpCommand

/** The `key=` words of these commands. */
export type LogsKey = 'svc' | 'inst' | 'logger' | 'level' | 'rate' | 'records' | 'bytes'

type Options = NonNullable<ParseArgsConfig['options']>

/** `--where k=v,k=v`, repeatable. */
export const WHERE_OPTION = { where: { type: 'string', multiple: true } } satisfies Options
const CHANGE = { reason: { type: 'string' }, wait: { type: 'string' }, ttl: { type: 'string' } } satisfies Options

/** Keys and flags per command. */
export const LOGS_SPECS: Readonly<Record<LogsCommand['name'], { keys: readonly LogsKey[]; options: Options }>> = {
  sample: { keys: ['svc', 'level', 'rate', 'logger', 'inst'], options: { ...WHERE_OPTION, ...CHANGE } },
  budget: { keys: ['svc', 'records', 'bytes', 'inst'], options: CHANGE },
  record: { keys: ['svc', 'level', 'logger', 'inst'], options: { ...WHERE_OPTION, ...CHANGE } },
  tail: {
    keys: ['svc', 'inst', 'logger', 'level'],
    options: {
      ...WHERE_OPTION,
      ttl: { type: 'string' },
      'max-per-sec': { type: 'string' },
      reason: { type: 'string' },
    },
  },
  dump: {
    keys: ['svc', 'inst', 'logger', 'level'],
    options: { ...WHERE_OPTION, last: { type: 'string' }, wait: { type: 'string' } },
  },
}

/** The words of a command line, split by args.ts (keys already checked). */
export type LogsWords = CommandWords<LogsKey>

/** Builds a precision-logging command from its checked words. */
export function buildLogsCommand(name: LogsCommand['name'], words: LogsWords): LogsCommand {
  const { keys, bare, values } = words
  const service = serviceOf(name, keys)
  if (bare.length > 0) {
    const hint = name === 'budget' ? ' (did you mean records=N or bytes=SIZE?)' : ' (did you mean level=LEVEL?)'
    throw new UsageError(`unexpected argument "${bare[0]}"${hint}`, name)
  }
  const instance = optional('instance', keys.inst)
  if (name === 'budget') {
    if (keys.records === undefined && keys.bytes === undefined) {
      throw new UsageError('budget needs records=N and/or bytes=SIZE (e.g. records=1000 bytes=1MiB)', name)
    }
    return {
      name,
      service,
      ...instance,
      ...optional('recordsPerSec', keys.records === undefined ? undefined : Number(keys.records)),
      ...optional('bytesPerSec', keys.bytes === undefined ? undefined : sizeValue(name, 'bytes=', keys.bytes)),
      ...ttl(name, values),
      ...changeOptions(name, values),
    }
  }
  const selection: Selection = {
    service,
    ...instance,
    ...optional('logger', keys.logger),
    ...optional('where', whereOf(name, values)),
  }
  const level = keys.level as RecordLevel | undefined
  if (name === 'sample' || name === 'record') {
    if (level === undefined) throw new UsageError(`${name} needs level=LEVEL (trace, debug, ...)`, name)
    if (name === 'record')
      return { name, ...selection, level, ttlMs: recordTtl(values), ...changeOptions(name, values) }
    if (keys.rate === undefined) throw new UsageError('sample needs rate=R, the fraction kept (0.1 or 10%)', name)
    return {
      name,
      ...selection,
      level,
      rate: rateValue(name, keys.rate),
      ...ttl(name, values),
      ...changeOptions(name, values),
    }
  }
  if (name === 'tail') {
    const max = stringValue(values, 'max-per-sec')
    const reason = stringValue(values, 'reason')
    return {
      name,
      ...selection,
      ...optional('level', level),
      ...optional('ttlMs', tailTtl(values)),
      ...optional(
        'maxPerSec',
        max === undefined ? undefined : integerValue(name, '--max-per-sec', max, 1, MAX_TAIL_PER_SEC),
      ),
      ...optional('reason', reason || undefined),
    }
  }
  const last = stringValue(values, 'last')
  const wait = stringValue(values, 'wait')
  return {
    name,
    ...selection,
    ...optional('level', level),
    ...optional('last', last === undefined ? undefined : integerValue(name, '--last', last, 1, MAX_DUMP_LAST)),
    ...optional('waitMs', wait === undefined ? undefined : durationMs(name, '--wait', wait, 60_000)),
  }
}

/** Why the value of `level=`, `rate=`, `records=` or `bytes=` is wrong, or undefined (svc/inst/logger: args.ts). */
export function logsKeyProblem(key: LogsKey, value: string): string | undefined {
  if (key === 'level') {
    return RecordLevel.safeParse(value).success ? undefined : 'expected trace, debug, info, warn, error or fatal'
  }
  if (key === 'records') {
    if (!/^\d+$/.test(value)) return 'expected a whole number of records per second'
    const n = Number(value)
    if (n < 1 || n > MAX_BUDGET_RECORDS_PER_SEC) return `must be 1 to ${MAX_BUDGET_RECORDS_PER_SEC}`
  }
  if (key === 'bytes') {
    const bytes = parseSize(value)
    if (bytes === undefined) return 'expected a size such as 65536, 512KiB or 1MiB'
    if (bytes < 1 || bytes > MAX_BUDGET_BYTES_PER_SEC) return 'must be 1 byte to 1GiB'
  }
  return undefined
}

function whereOf(name: string, values: Values): Where | undefined {
  const given = values.where
  const texts = Array.isArray(given) ? given.filter((v): v is string => typeof v === 'string') : []
  return texts.length === 0 ? undefined : parseWhere(name, texts)
}

function ttl(name: string, values: Values): { ttlMs?: number } {
  const text = stringValue(values, 'ttl')
  return optional('ttlMs', text === undefined ? undefined : durationMs(name, '--ttl', text, MAX_TTL_MS))
}

function recordTtl(values: Values): number {
  const text = stringValue(values, 'ttl')
  if (text === undefined) return DEFAULT_RECORD_TTL_MS
  // "--ttl 0" is the one way to ask for no expiry; ctl warns about it.
  if (/^\s*0+\s*$/.test(text) || parseDuration(text) === 0) return 0
  return durationMs('record', '--ttl', text, MAX_TTL_MS)
}

function tailTtl(values: Values): number | undefined {
  const text = stringValue(values, 'ttl')
  return text === undefined ? undefined : durationMs('tail', '--ttl', text, MAX_TAIL_TTL_MS)
}
