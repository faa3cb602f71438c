/**
 * The histogram commands' command lines: `capture start|ls|stop` and
 * `hist show|watch`. args.ts splits the words; this turns them into
 * commands, with the capture defaults (1s interval, 10m TTL) filled in.
 */
import type { ParseArgsConfig } from 'node:util'
import {
  formatDuration,
  MAX_CAPTURE_INTERVAL_MS,
  MAX_TTL_MS,
  MIN_CAPTURE_INTERVAL_MS,
  metricNameProblem,
  metricPatternProblem,
  parseDuration,
  RuleId,
} from '@prodbench/sdk/core'
import {
  type ChangeOptions,
  type CommandWords,
  changeOptions,
  durationMs,
  integerValue,
  noBareWords,
  optional,
  serviceOf,
  stringValue,
} from './args-values.js'
import { UsageError } from './errors.js'

/** Capture interval when --interval is not given. */
export const DEFAULT_CAPTURE_INTERVAL_MS = 1_000
/** Capture TTL when --ttl is not given: a capture should never run forever by accident. */
export const DEFAULT_CAPTURE_TTL_MS = 10 * 60_000
/** Most windows `hist show --windows` asks the server to merge. */
export const MAX_SHOW_WINDOWS = 1_000

/** `ctl capture start`: add a capture rule. `ttlMs` 0 means no expiry. */
export type CaptureStartCommand = {
  name: 'capture start'
  service: string
  metric: string
  instance?: string
  intervalMs: number
  ttlMs: number
} & ChangeOptions

/** `ctl capture ls`: the capture rules of a service. */
export type CaptureLsCommand = { name: 'capture ls'; service: string }

/** `ctl capture stop`: remove capture rules by id. */
export type CaptureStopCommand = { name: 'capture stop'; service: string; ruleIds: string[] } & ChangeOptions

/** `ctl hist show`: one GetHistogram. `windows` undefined = the server's default (1). */
export type HistShowCommand = {
  name: 'hist show'
  service: string
  metric: string
  captureId?: string
  windows?: number
  perInstance: boolean
}

/** `ctl hist watch`: follow WatchHistogram until Ctrl-C or the capture ends. */
export type HistWatchCommand = {
  name: 'hist watch'
  service: string
  metric: string
  captureId?: string
  perInstance: boolean
  /** Path of the .hlog file to write. */
  hlog?: string
}

/** Every histogram command. */
export type HistogramCommand =
  | CaptureStartCommand
  | CaptureLsCommand
  | CaptureStopCommand
  | HistShowCommand
  | HistWatchCommand

/** The `key=` words of the histogram commands. */
export type HistogramKey = 'svc' | 'inst' | 'metric' | 'capture'

type Options = NonNullable<ParseArgsConfig['options']>

const CHANGE_OPTIONS = { reason: { type: 'string' }, wait: { type: 'string' } } satisfies Options

/** Keys and flags per histogram command. */
export const HISTOGRAM_SPECS: Readonly<
  Record<HistogramCommand['name'], { keys: readonly HistogramKey[]; options: Options }>
> = {
  'capture start': {
    keys: ['svc', 'metric', 'inst'],
    options: { interval: { type: 'string' }, ttl: { type: 'string' }, ...CHANGE_OPTIONS },
  },
  'capture ls': { keys: ['svc'], options: {} },
  'capture stop': { keys: ['svc'], options: CHANGE_OPTIONS },
  'hist show': {
    keys: ['svc', 'metric', 'capture'],
    options: { windows: { type: 'string' }, 'per-instance': { type: 'boolean' } },
  },
  'hist watch': {
    keys: ['svc', 'metric', 'capture'],
    options: { 'per-instance': { type: 'boolean' }, hlog: { type: 'string' } },
  },
}

/** Command groups and their subcommands: `ctl capture start`, `ctl hist watch`. */
export const COMMAND_GROUPS: Readonly<Record<string, readonly string[]>> = {
  capture: ['start', 'ls', 'stop'],
  hist: ['show', 'watch'],
}

/** The words of a histogram command line, split by args.ts (keys already checked). */
export type HistogramWords = CommandWords<HistogramKey>

/** Builds a histogram command from its checked words. */
export function buildHistogramCommand(name: HistogramCommand['name'], words: HistogramWords): HistogramCommand {
  const { keys, bare, values } = words
  const service = serviceOf(name, keys)
  if (name === 'capture ls') {
    noBareWords(name, bare)
    return { name, service }
  }
  if (name === 'capture stop') {
    if (bare.length === 0) {
      throw new UsageError(`capture stop needs at least one capture ID (see \`ctl capture ls svc=${service}\`)`, name)
    }
    for (const id of bare) {
      const result = RuleId.safeParse(id)
      if (!result.success) throw new UsageError(`bad capture id "${id}": ${result.error.issues[0]?.message}`, name)
    }
    return { name, service, ruleIds: [...new Set(bare)], ...changeOptions(name, values) }
  }
  noBareWords(name, bare)
  const metric = keys.metric
  if (metric === undefined) throw new UsageError(`${name} needs metric=NAME (which histogram?)`, name)
  if (name === 'capture start') {
    return {
      name,
      service,
      metric,
      ...optional('instance', keys.inst),
      intervalMs: intervalMs(stringValue(values, 'interval')),
      ttlMs: captureTtlMs(stringValue(values, 'ttl')),
      ...changeOptions(name, values),
    }
  }
  const perInstance = values['per-instance'] === true
  const captureId = optional('captureId', keys.capture)
  if (name === 'hist show') {
    const windows = stringValue(values, 'windows')
    const count = windows === undefined ? undefined : integerValue(name, '--windows', windows, 1, MAX_SHOW_WINDOWS)
    return { name, service, metric, ...captureId, ...optional('windows', count), perInstance }
  }
  const hlog = stringValue(values, 'hlog')
  if (hlog !== undefined && hlog.trim() === '') throw new UsageError('--hlog needs a file name', name)
  return { name, service, metric, ...captureId, perInstance, ...optional('hlog', hlog) }
}

/** Why the value of `metric=` or `capture=` is wrong for command `name`, or undefined. */
export function histogramKeyProblem(name: string, key: 'metric' | 'capture', value: string): string | undefined {
  if (key === 'capture') {
    const result = RuleId.safeParse(value)
    return result.success ? undefined : result.error.issues[0]?.message
  }
  // A capture covers a pattern ("http.**"); a histogram is one metric of it.
  if (name === 'capture start') return metricPatternProblem(value)
  const problem = metricNameProblem(value)
  if (problem && !metricPatternProblem(value)) return 'a histogram is one metric: give its name, not a pattern'
  return problem
}

function intervalMs(text: string | undefined): number {
  if (text === undefined) return DEFAULT_CAPTURE_INTERVAL_MS
  const ms = durationMs('capture start', '--interval', text, MAX_CAPTURE_INTERVAL_MS)
  if (ms < MIN_CAPTURE_INTERVAL_MS) {
    throw new UsageError(
      `bad --interval "${text}": at least ${formatDuration(MIN_CAPTURE_INTERVAL_MS)}`,
      'capture start',
    )
  }
  // Windows are aligned on wall-clock multiples of the interval, in whole seconds.
  if (ms % 1_000 !== 0) throw new UsageError(`bad --interval "${text}": must be whole seconds`, 'capture start')
  return ms
}

function captureTtlMs(text: string | undefined): number {
  if (text === undefined) return DEFAULT_CAPTURE_TTL_MS
  // "--ttl 0" (any unit) is the one way to ask for no expiry; ctl warns about it.
  if (/^\s*0+\s*$/.test(text) || parseDuration(text) === 0) return 0
  return durationMs('capture start', '--ttl', text, MAX_TTL_MS)
}
