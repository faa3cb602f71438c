import { actionKind } from './core-lite.js'
import { measure, ttl } from './format.js'
import type { Rule } from './types.js'

/** Rules as short text for tables. */

/** What a rule does: "level debug", "sample debug at 10%", "capture http.** every 1s". */
export function describeAction(rule: Rule): string {
  switch (actionKind(rule)) {
    case 'level':
      return `level ${rule.level}`
    case 'sample':
      return `sample ${rule.sample?.level} at ${Math.round((rule.sample?.rate ?? 0) * 1000) / 10}%`
    case 'capture':
      return `capture ${rule.capture?.metric} every ${ttl(rule.capture?.intervalMs ?? 0)}`
    case 'budget': {
      const b = rule.budget
      const parts = [
        b?.recordsPerSec ? `${b.recordsPerSec} records/s` : '',
        b?.bytesPerSec ? `${measure(b.bytesPerSec, 'bytes')}/s` : '',
      ]
      return `budget ${parts.filter(Boolean).join(', ')}`
    }
    case 'record':
      return `record ${rule.record?.level}`
    case 'tail':
      return `tail ${rule.tail?.level ? `≥ ${rule.tail.level}` : ''}`.trim()
    case 'check': {
      const c = rule.check
      const change = c?.paused ? 'paused' : c?.everyMs ? `every ${ttl(c.everyMs)}` : 'as coded'
      return `check ${c?.name} ${change}`
    }
    case 'quarantine':
      return 'quarantine'
    default:
      return 'unknown'
  }
}

/** Which loggers, instances and requests a rule covers: "logger db · user=42", or "whole service". */
export function describeSelector(rule: Rule): string {
  const { logger, instance, where } = rule.selector
  const parts = [
    logger ? `logger ${logger}` : '',
    instance ? `instance ${instance}` : '',
    ...Object.entries(where ?? {}).map(([k, v]) => `${k}=${v}`),
  ].filter(Boolean)
  return parts.length > 0 ? parts.join(' · ') : 'whole service'
}
