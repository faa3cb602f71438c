/**
 * `ctl audit [svc=S] [--since 1h] [--limit N]`: the audit log, oldest first:
 * who (the token; the client's own claim in parentheses), what, where from,
 * why, and how it ended.
 */

import type { AuditRecordMessage, ListAuditResponse } from '@prodbench/proto'
import { parseDuration, serviceNameProblem } from '@prodbench/sdk/core'
import { UsageError } from '../errors.js'
import { clockTime, table } from '../format.js'
import type { SecurityReport } from './token.js'
import type { SecurityApi } from './token-client.js'

/** A parsed `ctl audit`. */
export interface AuditCommand {
  name: 'audit'
  service?: string
  /** How far back. */
  sinceMs: number
  limit?: number
}

/** `--since` when not given. */
export const DEFAULT_AUDIT_SINCE_MS = 60 * 60_000
/** Most records one `ctl audit` asks for. */
const MAX_LIMIT = 10_000
/** Widest request summary and error message in the table (the JSON document has them whole). */
const REQUEST_WIDTH = 80
const MESSAGE_WIDTH = 60

/** Builds `ctl audit` from its words and flag values. */
export function buildAuditCommand(positionals: string[], values: Record<string, unknown>): AuditCommand {
  let service: string | undefined
  for (const word of positionals) {
    if (!word.startsWith('svc=')) throw new UsageError(`unexpected argument "${word}" (audit takes svc=)`, 'audit')
    if (service !== undefined) throw new UsageError('svc= given twice', 'audit')
    service = word.slice(4)
    const problem = serviceNameProblem(service)
    if (problem) throw new UsageError(`bad svc="${service}": ${problem}`, 'audit')
  }
  const since = typeof values.since === 'string' ? values.since : undefined
  const sinceMs = since === undefined ? DEFAULT_AUDIT_SINCE_MS : parseDuration(since)
  if (!sinceMs) throw new UsageError(`bad --since "${since}": a duration such as 1h or 7d`, 'audit')
  const limitText = typeof values.limit === 'string' ? values.limit : undefined
  const limit = limitText === undefined ? undefined : Number(limitText)
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)) {
    throw new UsageError(`bad --limit "${limitText}": a number from 1 to ${MAX_LIMIT}`, 'audit')
  }
  return { name: 'audit', ...(service ? { service } : {}), sinceMs, ...(limit ? { limit } : {}) }
}

/** Runs `ctl audit`. */
export async function runAudit(command: AuditCommand, api: SecurityApi, now: number): Promise<SecurityReport> {
  const response = await api.listAudit({
    ...(command.service ? { service: command.service } : {}),
    since: now - command.sinceMs,
    ...(command.limit ? { limit: command.limit } : {}),
  })
  return auditReport(response, now)
}

/** The records as a table: TIME WHO ROLE FROM METHOD SERVICE RESULT REASON REQUEST. */
export function auditReport(response: ListAuditResponse, now: number): SecurityReport {
  const records = response.records ?? []
  if (records.length === 0)
    return { exitCode: 0, lines: ['no audit records in that window'], notes: [], json: { records } }
  const rows = records.map((r: AuditRecordMessage) => [
    r.at ? clockTime(r.at, now) : '',
    who(r),
    r.role || '-',
    r.peer ?? '',
    r.method ?? '',
    r.service || '-',
    r.result === 'ok' ? 'ok' : `${r.result}${r.message ? `: ${cut(r.message, MESSAGE_WIDTH)}` : ''}`,
    r.reason ?? '',
    (r.request ?? '').slice(0, REQUEST_WIDTH),
  ])
  return {
    exitCode: 0,
    lines: table(['TIME', 'WHO', 'ROLE', 'FROM', 'METHOD', 'SERVICE', 'RESULT', 'REASON', 'REQUEST'], rows),
    notes: [],
    json: { records },
  }
}

function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`
}

function who(record: AuditRecordMessage): string {
  const hint = record.authorHint && record.authorHint !== record.who ? ` (${record.authorHint})` : ''
  return `${record.who ?? '?'}${hint}`
}
