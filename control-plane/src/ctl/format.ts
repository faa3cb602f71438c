/**
 * Pure formatting: tables, times, selectors and rollouts. `now` always comes
 * in as an argument so output is testable.
 */

import type { RolloutMessage } from '@prodbench/proto'
import { formatDuration } from '@prodbench/sdk/core'
import { logActionText, whereText } from './format-logs.js'
import { incidentActionText } from './format-rule-actions.js'
import type { Style } from './style.js'

/** A table cell: plain text, or text with a painter applied after padding. */
export type Cell = string | { text: string; paint: (text: string) => string }

/** How to lay out a {@link table}. */
export interface TableOptions {
  /** Columns aligned right (numbers), by index. @default [] */
  right?: readonly number[]
  /** Widest a line may be; the last column is cut with "…" to fit. @default no limit */
  maxWidth?: number
  /** Painter for the header row. @default none */
  header?: (text: string) => string
}

const GAP = '  '

/** Lines of an aligned table; the last column is not padded (no trailing spaces). */
export function table(
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
  options: TableOptions = {},
): string[] {
  const texts = rows.map((row) => row.map(cellText))
  const widths = headers.map((head, column) => Math.max(head.length, ...texts.map((row) => (row[column] ?? '').length)))
  const last = widths.length - 1
  if (options.maxWidth !== undefined && last >= 0) {
    const others = widths.slice(0, last).reduce((sum, width) => sum + width + GAP.length, 0)
    widths[last] = Math.max(Math.min(widths[last] as number, options.maxWidth - others), headers[last]?.length ?? 0, 8)
  }
  const line = (cells: readonly Cell[], paintAll?: (text: string) => string) =>
    headers
      .map((_, column) => {
        const cell = cells[column] ?? ''
        const width = widths[column] as number
        const text = fit(cellText(cell), width)
        const right = options.right?.includes(column)
        const padded = right ? text.padStart(width) : column === last ? text : text.padEnd(width)
        const paint = paintAll ?? (typeof cell === 'string' ? undefined : cell.paint)
        return paint ? paintPadded(padded, paint) : padded
      })
      .join(GAP)
      .replace(/\s+$/, '')
  return [line(headers, options.header), ...rows.map((row) => line(row))]
}

function cellText(cell: Cell): string {
  return typeof cell === 'string' ? cell : cell.text
}

function fit(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(width - 1, 0))}…`
}

/** Paints only the text, not the padding, so underlines and backgrounds do not run on. */
function paintPadded(padded: string, paint: (text: string) => string): string {
  const start = padded.length - padded.trimStart().length
  const trimmed = padded.trim()
  return trimmed ? padded.slice(0, start) + paint(trimmed) + padded.slice(start + trimmed.length) : padded
}

/** The two largest units of a duration: "2h13m", "14m", "45s", "3d4h", "850ms". */
export function shortDuration(ms: number): string {
  // Whole seconds past one second: "7s" of uptime, not "7.1s".
  const rounded = ms >= 1_000 ? Math.round(ms / 1_000) * 1_000 : Math.max(0, ms)
  const parts = formatDuration(rounded).match(/\d+(?:\.\d+)?[a-z]+/g) ?? ['0ms']
  return parts.slice(0, 2).join('')
}

/**
 * Local wall-clock time of `at`: "02:15:00" when within a day of `now`, else
 * "2025-03-14 02:15:00", so an expiry next week is not mistaken for tonight.
 */
export function clockTime(at: number, now: number): string {
  const date = new Date(at)
  const two = (n: number) => String(n).padStart(2, '0')
  const time = `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`
  if (Math.abs(at - now) < 86_400_000) return time
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${time}`
}

/** "in 14m" for a future time, "5m ago" for a past one. */
export function relativeTime(at: number, now: number): string {
  return at >= now ? `in ${shortDuration(at - now)}` : `${shortDuration(now - at)} ago`
}

/** "02:15:00 (in 14m)", "expired 3m ago" or "never" (0 or absent = no expiry). */
export function expiryText(expiresAt: number | undefined, now: number): string {
  if (!expiresAt) return 'never'
  if (expiresAt <= now) return `expired ${relativeTime(expiresAt, now)}`
  return `${clockTime(expiresAt, now)} (${relativeTime(expiresAt, now)})`
}

/**
 * What a selector covers: "checkout", "checkout/db", "checkout/db@inst",
 * "checkout@inst", and the request attributes: "checkout/db where user=42".
 */
export function selectorLabel(
  selector: { service?: string; logger?: string; instance?: string; where?: Record<string, string> } | undefined,
): string {
  if (!selector) return '?'
  const logger = selector.logger ? `/${selector.logger}` : ''
  const instance = selector.instance ? `@${selector.instance}` : ''
  return `${selector.service ?? '?'}${logger}${instance}${whereText(selector.where)}`
}

/** What a rule does: its level, "capture http.* every 1s", "sample debug 10%", "budget 1,000 records/s"... */
export function actionText(
  rule: { level?: string; capture?: { metric?: string; intervalMs?: number } } & Parameters<typeof logActionText>[0] &
    Parameters<typeof incidentActionText>[0],
): string {
  if (rule.capture) {
    return `capture ${rule.capture.metric ?? '?'} every ${formatDuration(rule.capture.intervalMs ?? 0)}`
  }
  return logActionText(rule) ?? incidentActionText(rule) ?? rule.level ?? '?'
}

/** Header of the column of {@link actionText}: "LEVEL" while every rule sets one, else "ACTION". */
export function actionHeader(rules: readonly { level?: unknown }[]): string {
  return rules.some((rule) => rule.level === undefined) ? 'ACTION' : 'LEVEL'
}

/** A rollout reduced to what ctl prints and decides on. */
export interface RolloutSummary {
  /** KV revision the change was written at. */
  revision: number
  /** Instances that applied it. */
  applied: number
  /** Live instances when the wait ended (applied + pending + rejected). */
  total: number
  /** The server's verdict: every live instance applied it. */
  complete: boolean
  elapsedMs: number
  pending: string[]
  rejected: string[]
}

/** Fills in the absent fields of a rollout (proto3 leaves empty ones out). */
export function summarizeRollout(rollout: RolloutMessage | undefined): RolloutSummary {
  const applied = rollout?.applied ?? []
  const pending = rollout?.pending ?? []
  const rejected = rollout?.rejected ?? []
  return {
    revision: rollout?.revision ?? 0,
    applied: applied.length,
    total: applied.length + pending.length + rejected.length,
    complete: rollout?.complete === true,
    elapsedMs: rollout?.elapsedMs ?? 0,
    pending,
    rejected,
  }
}

/**
 * "applied on 3/3 instances in 14 ms", with `suffix` after the count (the
 * expiry) and, when incomplete, "; not applied: a, b" and one line per refusal.
 */
export function rolloutLines(summary: RolloutSummary, style: Style, suffix = ''): string[] {
  if (summary.total === 0) {
    return [`stored at revision ${summary.revision}; no live instances to apply it yet${suffix}`]
  }
  const count = `applied on ${summary.applied}/${summary.total} instances`
  const painted = summary.complete ? style.green(count) : style.yellow(count)
  const pending = summary.pending.length > 0 ? `; ${style.red('not applied:')} ${summary.pending.join(', ')}` : ''
  const first = `${painted} in ${summary.elapsedMs} ms${suffix}${pending}`
  return [first, ...summary.rejected.map((refusal) => `  ${style.red('rejected:')} ${refusal}`)]
}
