/**
 * The actions of check and quarantine rules as people read them: "check
 * db-ping every 30s", "pause check db-ping", "quarantine (reason)". Pure.
 */
import { formatDuration } from '@prodbench/sdk/core'

/** The action of a check or quarantine rule, or undefined for another kind. */
export function incidentActionText(rule: {
  check?: { name?: string; everyMs?: number; paused?: boolean } | null
  quarantine?: { reason?: string } | null
}): string | undefined {
  if (rule.check) {
    const name = rule.check.name ?? '?'
    if (rule.check.paused) return `pause check ${name}`
    const every = rule.check.everyMs ? ` every ${formatDuration(rule.check.everyMs)}` : ''
    return `check ${name}${every}${rule.check.paused === false && !every ? ' resumed' : ''}`
  }
  if (rule.quarantine) return 'quarantine'
  return undefined
}
