/**
 * The command lines of incidents, checks, quarantine and the inspector:
 * `incidents`, `incident show|ack|close|open`, `checks`, `check run|set`,
 * `quarantine`, `release`, `inspect`. args.ts splits the words; this turns
 * them into commands.
 */
import type { ParseArgsConfig } from 'node:util'
import { CheckControl, formatDuration, MAX_CHECK_EVERY_MS, MAX_TTL_MS, MIN_CHECK_EVERY_MS } from '@prodbench/sdk/core'
import { incidentIdProblem } from '../incidents/incident-ids.js'
import { INCIDENT_STATUSES, type IncidentStatus } from '../incidents/incident-model.js'
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
  type Values,
} from './args-values.js'
import { UsageError } from './errors.js'

/** Longest `--ttl` of `ctl inspect` (the instance may close it sooner). */
export const MAX_INSPECT_TTL_MS = 24 * 60 * 60_000
/** Most incidents `ctl incidents --limit` asks for. */
export const MAX_INCIDENTS_LIMIT = 1_000

/** `ctl incidents`: incidents, most recently active first. */
export type IncidentsCommand = { name: 'incidents'; service?: string; status?: IncidentStatus; limit?: number }
/** `ctl incident show ID`: one incident in full. */
export type IncidentShowCommand = { name: 'incident show'; id: string }
/** `ctl incident ack|close ID`. */
export type IncidentUpdateCommand = { name: 'incident ack' | 'incident close'; id: string; reason?: string }
/** `ctl incident open svc=S [inst=I] --title T`: an incident by hand. */
export type IncidentOpenCommand = {
  name: 'incident open'
  service: string
  instance?: string
  title: string
  reason?: string
}
/** `ctl checks svc=S [inst=I]`: the checks of the live instances. */
export type ChecksCommand = { name: 'checks'; service: string; instance?: string }
/** `ctl check run svc=S name=N [inst=I]`: run a check now. */
export type CheckRunCommand = { name: 'check run'; service: string; check: string; instance?: string; waitMs?: number }
/** `ctl check set svc=S name=N [every=D] [--pause|--resume]`: a check rule. */
export type CheckSetCommand = {
  name: 'check set'
  service: string
  check: string
  instance?: string
  everyMs?: number
  paused?: boolean
  ttlMs?: number
} & ChangeOptions
/** `ctl quarantine svc=S inst=I`: a quarantine rule. */
export type QuarantineCommand = {
  name: 'quarantine'
  service: string
  instance: string
  ttlMs?: number
} & ChangeOptions
/** `ctl release svc=S inst=I`: remove the instance's quarantine rules. */
export type ReleaseCommand = { name: 'release'; service: string; instance: string } & ChangeOptions
/** `ctl inspect svc=S inst=I`: open the instance's Node inspector. */
export type InspectCommand = { name: 'inspect'; service: string; instance: string; ttlMs?: number }

/** Every incident, check, quarantine and inspector command. */
export type IncidentCommand =
  | IncidentsCommand
  | IncidentShowCommand
  | IncidentUpdateCommand
  | IncidentOpenCommand
  | ChecksCommand
  | CheckRunCommand
  | CheckSetCommand
  | QuarantineCommand
  | ReleaseCommand
  | InspectCommand

/** The `key=` words of these commands. */
export type IncidentKey = 'svc' | 'inst' | 'name' | 'every'

type Options = NonNullable<ParseArgsConfig['options']>

const REASON = { reason: { type: 'string' } } satisfies Options
const CHANGE = { reason: { type: 'string' }, wait: { type: 'string' }, ttl: { type: 'string' } } satisfies Options

/** Keys and flags per command. */
export const INCIDENT_SPECS: Readonly<
  Record<IncidentCommand['name'], { keys: readonly IncidentKey[]; options: Options }>
> = {
  incidents: { keys: ['svc'], options: { status: { type: 'string' }, limit: { type: 'string' } } },
  'incident show': { keys: [], options: {} },
  'incident ack': { keys: [], options: REASON },
  'incident close': { keys: [], options: REASON },
  'incident open': { keys: ['svc', 'inst'], options: { title: { type: 'string' }, ...REASON } },
  checks: { keys: ['svc', 'inst'], options: {} },
  'check run': { keys: ['svc', 'name', 'inst'], options: { wait: { type: 'string' } } },
  'check set': {
    keys: ['svc', 'name', 'inst', 'every'],
    options: { pause: { type: 'boolean' }, resume: { type: 'boolean' }, ...CHANGE },
  },
  quarantine: { keys: ['svc', 'inst'], options: CHANGE },
  release: { keys: ['svc', 'inst'], options: { reason: { type: 'string' }, wait: { type: 'string' } } },
  inspect: { keys: ['svc', 'inst'], options: { ttl: { type: 'string' } } },
}

/** Command groups and their subcommands: `ctl incident show`, `ctl check run`. */
export const INCIDENT_GROUPS: Readonly<Record<string, readonly string[]>> = {
  incident: ['show', 'ack', 'close', 'open'],
  check: ['run', 'set'],
}

/** The words of a command line, split by args.ts (keys already checked). */
export type IncidentWords = CommandWords<IncidentKey>

/** Builds an incident, check, quarantine or inspector command from its checked words. */
export function buildIncidentCommand(name: IncidentCommand['name'], words: IncidentWords): IncidentCommand {
  const { keys, bare, values } = words
  if (name === 'incident show' || name === 'incident ack' || name === 'incident close') {
    const id = incidentIdOf(name, bare)
    if (name === 'incident show') return { name, id }
    return { name, id, ...optional('reason', reasonOf(name, values)) }
  }
  noBareWords(name, bare)
  if (name === 'incidents') {
    const status = stringValue(values, 'status')
    if (status !== undefined && !(INCIDENT_STATUSES as readonly string[]).includes(status)) {
      throw new UsageError(`bad --status "${status}": expected ${INCIDENT_STATUSES.join(', ')}`, name)
    }
    const limit = stringValue(values, 'limit')
    return {
      name,
      ...optional('service', keys.svc),
      ...optional('status', status as IncidentStatus | undefined),
      ...optional(
        'limit',
        limit === undefined ? undefined : integerValue(name, '--limit', limit, 1, MAX_INCIDENTS_LIMIT),
      ),
    }
  }
  const service = serviceOf(name, keys)
  const instance = optional('instance', keys.inst)
  if (name === 'incident open') {
    const title = stringValue(values, 'title')?.trim()
    if (!title) throw new UsageError('incident open needs --title "what is wrong"', name)
    if (title.length > 300)
      throw new UsageError(`--title is too long: at most 300 characters (got ${title.length})`, name)
    return { name, service, ...instance, title, ...optional('reason', reasonOf(name, values)) }
  }
  if (name === 'checks') return { name, service, ...instance }
  if (name === 'check run' || name === 'check set') {
    const check = keys.name
    if (check === undefined) throw new UsageError(`${name} needs name=CHECK (see \`ctl checks svc=${service}\`)`, name)
    if (name === 'check run') {
      const wait = stringValue(values, 'wait')
      return {
        name,
        service,
        check,
        ...instance,
        ...optional('waitMs', wait === undefined ? undefined : durationMs(name, '--wait', wait, 60_000)),
      }
    }
    return {
      name,
      service,
      check,
      ...instance,
      ...checkControl(name, keys, values),
      ...ttl(name, values),
      ...changeOptions(name, values),
    }
  }
  if (keys.inst === undefined) throw new UsageError(`${name} needs inst=ID (which instance?)`, name)
  if (name === 'inspect') {
    const text = stringValue(values, 'ttl')
    return {
      name,
      service,
      instance: keys.inst,
      ...optional('ttlMs', text === undefined ? undefined : inspectTtl(text)),
    }
  }
  if (name === 'quarantine')
    return { name, service, instance: keys.inst, ...ttl(name, values), ...changeOptions(name, values) }
  return { name, service, instance: keys.inst, ...changeOptions(name, values) }
}

/** Why the value of `name=` or `every=` is wrong, or undefined (svc/inst: args.ts). */
export function incidentKeyProblem(key: IncidentKey, value: string): string | undefined {
  if (key === 'name') {
    const result = CheckControl.shape.name.safeParse(value)
    return result.success ? undefined : result.error.issues[0]?.message
  }
  return undefined
}

function checkControl(
  name: string,
  keys: IncidentWords['keys'],
  values: Values,
): { everyMs?: number; paused?: boolean } {
  if (values.pause === true && values.resume === true)
    throw new UsageError('--pause and --resume exclude each other', name)
  const every = keys.every
  let everyMs: number | undefined
  if (every !== undefined) {
    everyMs = durationMs(name, 'every=', every, MAX_CHECK_EVERY_MS)
    if (everyMs < MIN_CHECK_EVERY_MS) {
      throw new UsageError(`bad every="${every}": at least ${formatDuration(MIN_CHECK_EVERY_MS)}`, name)
    }
  }
  const paused = values.pause === true ? true : values.resume === true ? false : undefined
  if (everyMs === undefined && paused === undefined) {
    throw new UsageError('check set needs every=DURATION, --pause or --resume (what should change?)', name)
  }
  return { ...optional('everyMs', everyMs), ...optional('paused', paused) }
}

function incidentIdOf(name: string, bare: string[]): string {
  if (bare.length === 0) throw new UsageError(`${name} needs an incident ID (see \`ctl incidents\`)`, name)
  if (bare.length > 1) throw new UsageError(`${name} takes one incident ID, got ${bare.length}`, name)
  const id = bare[0] as string
  const problem = incidentIdProblem(id)
  if (problem) throw new UsageError(`bad incident ID "${id}": ${problem}`, name)
  return id
}

function reasonOf(name: string, values: Values): string | undefined {
  const reason = stringValue(values, 'reason')
  if (reason !== undefined && reason.length > 1_000) {
    throw new UsageError(`--reason is too long: at most 1000 characters (got ${reason.length})`, name)
  }
  return reason || undefined
}

function ttl(name: string, values: Values): { ttlMs?: number } {
  const text = stringValue(values, 'ttl')
  return optional('ttlMs', text === undefined ? undefined : durationMs(name, '--ttl', text, MAX_TTL_MS))
}

function inspectTtl(text: string): number {
  const ms = durationMs('inspect', '--ttl', text, MAX_INSPECT_TTL_MS)
  if (ms < 1_000) throw new UsageError(`bad --ttl "${text}": at least 1s`, 'inspect')
  return ms
}
