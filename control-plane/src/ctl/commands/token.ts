/**
 * `ctl token create|ls|revoke`: API tokens (admin on every service). The
 * token is printed once, alone on stdout (so `$(ctl token create ...)`
 * captures it), with what it is on stderr; the server keeps only its hash.
 */

import type { CreateTokenResponse, ListTokensResponse, TokenInfoMessage } from '@prodbench/proto'
import { MAX_TTL_MS, parseDuration } from '@prodbench/sdk/core'
import { UsageError } from '../errors.js'
import { clockTime, expiryText, table } from '../format.js'
import type { SecurityApi } from './token-client.js'

/** A parsed `ctl token ...` command. */
export type TokenCommand =
  | { name: 'token create'; token: string; role: string; services: string[]; ttlMs?: number; reason?: string }
  | { name: 'token ls' }
  | { name: 'token revoke'; token: string; reason?: string }

/** What a command prints: lines on stdout, notes on stderr, one JSON document with --json. */
export interface SecurityReport {
  exitCode: number
  lines: string[]
  notes: string[]
  json: Record<string, unknown>
}

const ROLES = ['viewer', 'operator', 'admin']
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/
const GLOB = /^[A-Za-z0-9_*?-]{1,64}$/

/** Builds a token command from its words after `token` and its flag values. */
export function buildTokenCommand(
  sub: string | undefined,
  positionals: string[],
  values: Record<string, unknown>,
): TokenCommand {
  const str = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined)
  const name = () => {
    const given = str('name') ?? positionals[0]
    if (positionals.length > (str('name') ? 0 : 1))
      throw new UsageError(`unexpected argument "${positionals.at(-1)}"`, 'token')
    if (given === undefined) throw new UsageError(`token ${sub} needs a NAME (--name NAME)`, 'token')
    if (!NAME.test(given)) {
      throw new UsageError(`bad token name "${given}": letters, digits, ".", "_", "-" (at most 64)`, 'token')
    }
    return given
  }
  const reason = str('reason')
  switch (sub) {
    case 'create': {
      const role = str('role')
      if (role === undefined) throw new UsageError('token create needs --role viewer|operator|admin', 'token')
      if (!ROLES.includes(role)) throw new UsageError(`bad --role "${role}" (expected ${ROLES.join(', ')})`, 'token')
      const services = (str('services') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
      for (const glob of services) {
        if (!GLOB.test(glob))
          throw new UsageError(`bad --services entry "${glob}": a service name or glob (pay*)`, 'token')
      }
      const ttl = str('ttl')
      const ttlMs = ttl === undefined ? undefined : parseDuration(ttl)
      if (ttl !== undefined && (!ttlMs || ttlMs > MAX_TTL_MS)) {
        throw new UsageError(`bad --ttl "${ttl}": a duration such as 30d (at most a year)`, 'token')
      }
      return {
        name: 'token create',
        token: name(),
        role,
        services,
        ...(ttlMs ? { ttlMs } : {}),
        ...(reason ? { reason } : {}),
      }
    }
    case 'ls':
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, 'token')
      return { name: 'token ls' }
    case 'revoke':
      return { name: 'token revoke', token: name(), ...(reason ? { reason } : {}) }
    default:
      throw new UsageError(
        sub === undefined ? 'token needs a subcommand: create, ls, revoke' : `unknown token subcommand "${sub}"`,
        'token',
      )
  }
}

/** Runs a token command. */
export async function runToken(command: TokenCommand, api: SecurityApi, now: number): Promise<SecurityReport> {
  switch (command.name) {
    case 'token create': {
      const created = await api.createToken({
        name: command.token,
        role: command.role,
        services: command.services,
        ...(command.ttlMs ? { ttlMs: command.ttlMs } : {}),
        ...(command.reason ? { reason: command.reason } : {}),
      })
      return createdReport(created, now)
    }
    case 'token ls':
      return listReport(await api.listTokens(), now)
    case 'token revoke': {
      const revoked = await api.revokeToken({
        name: command.token,
        ...(command.reason ? { reason: command.reason } : {}),
      })
      return {
        exitCode: 0,
        lines: [
          `token "${revoked.name}" revoked (it was ${scopeText(revoked)}); calls with it now fail UNAUTHENTICATED`,
        ],
        notes: [],
        json: { revoked },
      }
    }
  }
}

/** The secret alone on stdout, what it is on stderr. */
export function createdReport(created: CreateTokenResponse, now: number): SecurityReport {
  const info = created.token ?? {}
  return {
    exitCode: 0,
    lines: [created.secret ?? ''],
    notes: [
      `token "${info.name}" created: ${scopeText(info)}, expires ${expiryText(info.expiresAt, now)}`,
      "shown once: the control plane keeps only its SHA-256; hand it over as PRODBENCH_TOKEN (or a context's tokenFile)",
    ],
    json: { token: info, secret: created.secret },
  }
}

/** `ctl token ls`: one row per token. */
export function listReport(response: ListTokensResponse, now: number): SecurityReport {
  const tokens = response.tokens ?? []
  if (tokens.length === 0) return { exitCode: 0, lines: ['no tokens'], notes: [], json: { tokens } }
  const rows = tokens.map((t) => [
    t.name ?? '',
    t.role ?? '',
    (t.services ?? []).join(',') || '*',
    t.createdAt ? clockTime(t.createdAt, now) : '',
    t.createdBy ?? '',
    expiryText(t.expiresAt, now),
    t.reason ?? '',
  ])
  return {
    exitCode: 0,
    lines: table(['NAME', 'ROLE', 'SERVICES', 'CREATED', 'BY', 'EXPIRES', 'REASON'], rows),
    notes: [],
    json: { tokens },
  }
}

/** "operator on checkout, pay*" or "admin on every service". */
function scopeText(info: TokenInfoMessage): string {
  const services = info.services ?? []
  return `${info.role} on ${services.length ? services.join(', ') : 'every service'}`
}
