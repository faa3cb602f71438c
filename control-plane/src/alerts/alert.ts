import type { IncidentMessage } from '@prodbench/proto'
import { type IncidentFacts, incidentFacts } from '../incidents/incident-model.js'

/**
 * What an alert says, built once and sent to every target: the JSON body of
 * a webhook (with a `text` line, which chat webhooks show as they are) and
 * the subject and text of an email. Pure.
 */

/** A notification about one incident: it is new, or it happened again since the last one. */
export interface Alert {
  readonly type: 'new' | 'digest'
  readonly incident: IncidentMessage
  /** The admin UI page of the incident. */
  readonly link: string
  /** For a digest: occurrences since the previous alert. */
  readonly newOccurrences?: number
}

/** The JSON a webhook receives. */
export interface AlertPayload {
  readonly type: 'new' | 'digest'
  /** One line for people (chat webhooks display it). */
  readonly text: string
  readonly link: string
  readonly incident: IncidentFacts & { readonly error?: { readonly type: string; readonly message: string } }
  readonly newOccurrences?: number
}

/** Lines of stack an email shows (the link has the whole of it). */
const EMAIL_STACK_LINES = 12

/** The webhook body of `alert`. */
export function alertPayload(alert: Alert): AlertPayload {
  const i = alert.incident
  const error = i.first?.error
  return {
    type: alert.type,
    text: alertLine(alert),
    link: alert.link,
    incident: {
      ...incidentFacts(i),
      ...(error?.type || error?.message ? { error: { type: error.type ?? '', message: error.message ?? '' } } : {}),
    },
    ...(alert.newOccurrences !== undefined ? { newOccurrences: alert.newOccurrences } : {}),
  }
}

/** "[checkout] new incident: TypeError: x is undefined (1 occurrence on web1) <link>". */
export function alertLine(alert: Alert): string {
  const i = alert.incident
  const count = i.count ?? 0
  const instances = i.instances ?? []
  const on =
    instances.length === 1 ? ` on ${instances[0]}` : instances.length > 1 ? ` on ${instances.length} instances` : ''
  const what =
    alert.type === 'new'
      ? `new incident: ${i.title} (${occurrences(count)}${on})`
      : `incident ${i.title}: ${occurrences(alert.newOccurrences ?? 0)} more, ${count} in all${on}`
  return `[${i.service}] ${what} ${alert.link}`
}

/** Subject and plain text of the email of `alert`. */
export function alertEmail(alert: Alert): { subject: string; text: string } {
  const i = alert.incident
  const first = i.first
  const subject =
    alert.type === 'new'
      ? `[prodbench] ${i.service}: ${i.title}`
      : `[prodbench] ${i.service}: ${i.title} (${occurrences(alert.newOccurrences ?? 0)} more)`
  const stack = (first?.error?.stack ?? '').split('\n').slice(0, EMAIL_STACK_LINES)
  const lines = [
    alert.type === 'new' ? 'A new incident was opened.' : 'The incident happened again since the last alert.',
    '',
    `Open it: ${alert.link}`,
    '',
    `service:     ${i.service}`,
    `incident:    ${i.id} (${i.kind}, ${i.status})`,
    `title:       ${i.title}`,
    `occurrences: ${i.count}${alert.newOccurrences !== undefined ? ` (${alert.newOccurrences} new)` : ''}`,
    `first:       ${new Date(i.firstAt ?? 0).toISOString()}`,
    `last:        ${new Date(i.lastAt ?? 0).toISOString()}`,
    `instances:   ${(i.instances ?? []).join(', ') || '-'}`,
    ...(first?.error?.message ? ['', `${first.error.type || 'Error'}: ${first.error.message}`] : []),
    ...(stack.length > 0 && stack[0] ? ['', ...stack] : []),
    '',
    `ctl incident show ${i.id}`,
  ]
  return { subject, text: `${lines.join('\n')}\n` }
}

function occurrences(n: number): string {
  return `${n} occurrence${n === 1 ? '' : 's'}`
}
