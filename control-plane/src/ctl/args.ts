/**
 * The command line, parsed: node:util `parseArgs` (strict) for flags, plus
 * `key=value` words (svc=, logger=, inst=, metric=, capture=) checked with the
 * core's name rules. Two-word commands (`capture start`, `hist watch`) are
 * resolved here; the histogram ones are built in args-hist.ts, `metrics` and
 * `watch` in args-metrics.ts.
 * Pure: no I/O, env passed in. Anything wrong becomes a usage error that names
 * the bad word, never a stack trace.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util'
import {
  instanceIdProblem,
  LEVELS,
  Level,
  loggerPatternProblem,
  MAX_TTL_MS,
  RuleId,
  serviceNameProblem,
} from '@prodbench/sdk/core'
import {
  buildHistogramCommand,
  COMMAND_GROUPS,
  HISTOGRAM_SPECS,
  type HistogramCommand,
  histogramKeyProblem,
} from './args-hist.js'
import {
  buildIncidentCommand,
  INCIDENT_GROUPS,
  INCIDENT_SPECS,
  type IncidentCommand,
  type IncidentKey,
  incidentKeyProblem,
} from './args-incidents.js'
import {
  buildLogsCommand,
  LOGS_SPECS,
  type LogsCommand,
  type LogsKey,
  logsKeyProblem,
  parseWhere,
  WHERE_OPTION,
} from './args-logs.js'
import { buildMetricsCommand, METRICS_SPECS, type MetricsCommands, metricsKeyProblem } from './args-metrics.js'
import {
  type ChangeOptions,
  changeOptions,
  durationMs,
  noBareWords,
  optional,
  serviceOf,
  stringValue,
  type Values,
} from './args-values.js'
import { UsageError } from './errors.js'
import { COMMAND_USAGE, DEFAULT_SERVER, GLOBAL_USAGE } from './usage.js'

export type { ChangeOptions } from './args-values.js'
export { MAX_WAIT_MS } from './args-values.js'

/** Environment variables ctl reads (PRODBENCH_SERVER, NO_COLOR). */
export type Env = Readonly<Record<string, string | undefined>>

/** Options that apply to every command. */
export interface GlobalOptions {
  /** Control plane gRPC address, HOST:PORT. @default '127.0.0.1:7420' */
  server: string
  /** Print one JSON document instead of text. @default false */
  json: boolean
  /** Colours allowed by flags and env (NO_COLOR, --no-color); the TTY check comes on top. @default true */
  color: boolean
}

/** A command line ctl can run. */
export type Command =
  | { name: 'ls' }
  | { name: 'status'; service: string }
  | { name: 'rules'; service: string }
  | ({
      name: 'set-level'
      service: string
      level: Level
      logger?: string
      instance?: string
      /** Only requests with these attributes (`--where user=42`). */
      where?: Record<string, string>
      ttlMs?: number
    } & ChangeOptions)
  | ({ name: 'reset'; service: string; logger?: string; instance?: string } & ChangeOptions)
  | ({ name: 'rm'; service: string; ruleIds: string[] } & ChangeOptions)
  | HistogramCommand
  | MetricsCommands
  | LogsCommand
  | IncidentCommand

/** The result of parsing: help to print, a usage error, or a command to run. */
export type ParsedCommandLine =
  | { kind: 'help'; text: string }
  | { kind: 'usage-error'; message: string; usage: string }
  | { kind: 'run'; options: GlobalOptions; command: Command }

type Options = NonNullable<ParseArgsConfig['options']>
type Key = 'svc' | 'logger' | 'inst' | 'metric' | 'capture' | LogsKey | IncidentKey

const GLOBAL_OPTIONS = {
  server: { type: 'string' },
  json: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies Options

const CHANGE_OPTIONS = { reason: { type: 'string' }, wait: { type: 'string' } } satisfies Options

const SPECS: Readonly<Record<Command['name'], { keys: readonly Key[]; options: Options }>> = {
  ls: { keys: [], options: {} },
  status: { keys: ['svc'], options: {} },
  rules: { keys: ['svc'], options: {} },
  'set-level': {
    keys: ['svc', 'logger', 'inst'],
    options: { ttl: { type: 'string' }, ...WHERE_OPTION, ...CHANGE_OPTIONS },
  },
  reset: { keys: ['svc', 'logger', 'inst'], options: CHANGE_OPTIONS },
  rm: { keys: ['svc'], options: CHANGE_OPTIONS },
  ...HISTOGRAM_SPECS,
  ...METRICS_SPECS,
  ...LOGS_SPECS,
  ...INCIDENT_SPECS,
}

/** Every command group: `capture`, `hist` and those of incidents and checks. */
const GROUPS: Readonly<Record<string, readonly string[]>> = { ...COMMAND_GROUPS, ...INCIDENT_GROUPS }

/** Parses ctl's arguments (without `node` and the script path). Never throws for bad input. */
export function parseCommandLine(argv: readonly string[], env: Env): ParsedCommandLine {
  try {
    return parseOrThrow(argv, env)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    return { kind: 'usage-error', message: error.message, usage: usageOf(error.command) }
  }
}

/** The help text of a command, or the global one. */
export function usageOf(command?: string): string {
  return (command && COMMAND_USAGE[command]) || GLOBAL_USAGE
}

/** Why `address` is not HOST:PORT, or undefined when it is. */
export function serverAddressProblem(address: string): string | undefined {
  const match = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+):(\d{1,5})$/.exec(address)
  if (!match) return 'expected HOST:PORT, e.g. 127.0.0.1:7420'
  const port = Number(match[1])
  if (port < 1 || port > 65_535) return `port must be 1-65535 (got ${port})`
  return undefined
}

function parseOrThrow(argv: readonly string[], env: Env): ParsedCommandLine {
  const at = commandIndex(argv)
  const before = at === -1 ? argv : argv.slice(0, at)
  const first = at === -1 ? undefined : argv[at]
  if (first === 'help') return { kind: 'help', text: usageOf(helpTopic(argv.slice(at + 1))) }
  const { name, after } = resolveCommand(first, at === -1 ? [] : argv.slice(at + 1), wantsHelp(argv))
  const groupHelp = first !== undefined && name === undefined
  if (groupHelp || wantsHelp(before) || wantsHelp(after)) return { kind: 'help', text: usageOf(name ?? first) }
  const globals = strictParse(before, GLOBAL_OPTIONS, false, name)
  if (name === undefined) throw new UsageError('missing command')
  const rest = strictParse(after, { ...GLOBAL_OPTIONS, ...SPECS[name].options }, true, name)
  const values: Values = { ...globals.values, ...rest.values }
  return { kind: 'run', options: globalOptions(values, env), command: buildCommand(name, rest.positionals, values) }
}

/** Index of the first word that is not a global flag (or its value); -1 when there is none. */
function commandIndex(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string
    if (word === '--') return -1
    if (!word.startsWith('-')) return i
    if (word === '--server') i++
  }
  return -1
}

function isCommand(name: string): name is Command['name'] {
  return Object.hasOwn(SPECS, name)
}

/**
 * The command named by `first` (and, for a group such as `capture`, the word
 * after it) and the words that follow. `name` is undefined only when a group
 * is asked for help without a subcommand (`ctl capture --help`).
 */
function resolveCommand(first: string | undefined, rest: readonly string[], help: boolean) {
  if (first === undefined) return { name: undefined, after: rest }
  const subcommands = GROUPS[first]
  if (!subcommands) {
    if (!isCommand(first)) throw new UsageError(`unknown command "${first}"`)
    return { name: first, after: rest }
  }
  const sub = rest[0]
  if (sub === undefined || sub.startsWith('-')) {
    if (help) return { name: undefined, after: rest }
    throw new UsageError(`${first} needs a subcommand: ${subcommands.join(', ')}`, first)
  }
  const name = `${first} ${sub}`
  if (!subcommands.includes(sub) || !isCommand(name)) {
    throw new UsageError(`unknown ${first} subcommand "${sub}" (expected ${subcommands.join(', ')})`, first)
  }
  return { name, after: rest.slice(1) }
}

/** `ctl help [command [subcommand]]`: the words that name the topic. */
function helpTopic(words: readonly string[]): string | undefined {
  const [topic, sub] = words.filter((word) => !word.startsWith('-'))
  if (topic === undefined || topic === 'help') return topic
  return resolveCommand(topic, sub === undefined ? [] : [sub], true).name ?? topic
}

function wantsHelp(words: readonly string[]): boolean {
  const end = words.indexOf('--')
  return (end === -1 ? words : words.slice(0, end)).some((word) => word === '--help' || word === '-h')
}

function strictParse(args: readonly string[], options: Options, allowPositionals: boolean, command?: string) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals })
  } catch (error) {
    throw new UsageError(parseArgsProblem(error, command), command)
  }
}

/** parseArgs' messages suggest `--` tricks; ours name the flag and say what it needs. */
function parseArgsProblem(error: unknown, command?: string): string {
  const code = (error as { code?: string }).code
  const message = error instanceof Error ? error.message : String(error)
  const word = /'([^' ]+)/.exec(message)?.[1] ?? '?'
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return command ? `unknown option ${word} for ${command}` : `unknown option ${word}`
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return message.includes('does not take') ? `${word} takes no value` : `${word} needs a value`
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${word}"`
    default:
      return message
  }
}

function globalOptions(values: Values, env: Env): GlobalOptions {
  const flag = stringValue(values, 'server')
  const server = flag ?? (env.PRODBENCH_SERVER || DEFAULT_SERVER)
  const problem = serverAddressProblem(server)
  if (problem)
    throw new UsageError(`bad ${flag !== undefined ? '--server' : 'PRODBENCH_SERVER'} "${server}": ${problem}`)
  // no-color.org: NO_COLOR counts when present and not empty.
  const color = values['no-color'] !== true && !env.NO_COLOR
  return { server, json: values.json === true, color }
}

function buildCommand(name: Command['name'], positionals: string[], values: Values): Command {
  const { keys, bare } = splitPositionals(name, positionals)
  if (isHistogramCommand(name)) return buildHistogramCommand(name, { keys, bare, values })
  if (isMetricsCommand(name)) return buildMetricsCommand(name, { keys, bare, values })
  if (isLogsCommand(name)) return buildLogsCommand(name, { keys, bare, values })
  if (isIncidentCommand(name)) return buildIncidentCommand(name, { keys, bare, values })
  if (name === 'ls') {
    noBareWords(name, bare)
    return { name }
  }
  const service = serviceOf(name, keys)
  if (name === 'status' || name === 'rules') {
    noBareWords(name, bare)
    return { name, service }
  }
  const change = changeOptions(name, values)
  if (name === 'rm') {
    if (bare.length === 0) throw new UsageError('rm needs at least one RULE_ID (see `ctl rules svc=SERVICE`)', name)
    for (const id of bare) {
      const result = RuleId.safeParse(id)
      if (!result.success) throw new UsageError(`bad rule id "${id}": ${result.error.issues[0]?.message}`, name)
    }
    return { name, service, ruleIds: [...new Set(bare)], ...change }
  }
  const selector = { service, ...optional('logger', keys.logger), ...optional('instance', keys.inst) }
  if (name === 'reset') {
    noBareWords(name, bare)
    return { name, ...selector, ...change }
  }
  const ttl = stringValue(values, 'ttl')
  const ttlMs = ttl === undefined ? undefined : durationMs(name, '--ttl', ttl, MAX_TTL_MS)
  const where = Array.isArray(values.where) ? parseWhere(name, values.where.map(String)) : undefined
  return { name, ...selector, ...optional('where', where), level: level(bare), ...optional('ttlMs', ttlMs), ...change }
}

function isHistogramCommand(name: Command['name']): name is HistogramCommand['name'] {
  return Object.hasOwn(HISTOGRAM_SPECS, name)
}

function isMetricsCommand(name: Command['name']): name is MetricsCommands['name'] {
  return Object.hasOwn(METRICS_SPECS, name)
}

function isLogsCommand(name: Command['name']): name is LogsCommand['name'] {
  return Object.hasOwn(LOGS_SPECS, name)
}

function isIncidentCommand(name: Command['name']): name is IncidentCommand['name'] {
  return Object.hasOwn(INCIDENT_SPECS, name)
}

function splitPositionals(name: Command['name'], positionals: string[]) {
  const allowed = SPECS[name].keys
  const keys: Partial<Record<Key, string>> = {}
  const bare: string[] = []
  for (const word of positionals) {
    const eq = word.indexOf('=')
    const key = word.slice(0, eq)
    if (eq <= 0 || !/^[A-Za-z_]+$/.test(key)) {
      bare.push(word)
      continue
    }
    if (!(allowed as readonly string[]).includes(key)) {
      const takes =
        allowed.length > 0 ? `${name} takes ${allowed.map((k) => `${k}=`).join(', ')}` : `${name} takes none`
      throw new UsageError(`unknown key "${key}=" (${takes})`, name)
    }
    if (keys[key as Key] !== undefined) throw new UsageError(`${key}= given twice`, name)
    const value = word.slice(eq + 1)
    const problem = keyProblem(name, key as Key, value)
    if (problem) throw new UsageError(`bad ${key}="${value}": ${problem}`, name)
    keys[key as Key] = value
  }
  return { keys, bare }
}

function keyProblem(name: Command['name'], key: Key, value: string): string | undefined {
  if (key === 'svc') return serviceNameProblem(value)
  if (key === 'inst') return instanceIdProblem(value)
  if (key === 'logger') return loggerPatternProblem(value)
  if (isLogsCommand(name)) return logsKeyProblem(key as LogsKey, value)
  if (isIncidentCommand(name)) return incidentKeyProblem(key as IncidentKey, value)
  if (isMetricsCommand(name)) return metricsKeyProblem(key as 'metric' | 'capture', value)
  return histogramKeyProblem(name, key as 'metric' | 'capture', value)
}

function level(bare: string[]): Level {
  const expected = `one of ${LEVELS.join(', ')}`
  if (bare.length === 0) throw new UsageError(`set-level needs a LEVEL (${expected})`, 'set-level')
  if (bare.length > 1) {
    const words = bare.map((word) => `"${word}"`).join(', ')
    throw new UsageError(`set-level takes one LEVEL, got ${words} (did you mean logger=NAME?)`, 'set-level')
  }
  const word = bare[0] as string
  const result = Level.safeParse(word.toLowerCase())
  if (!result.success) throw new UsageError(`unknown level "${word}" (expected ${expected})`, 'set-level')
  return result.data
}
