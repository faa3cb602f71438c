import type { DesiredStateInput, RuleMessage } from '@prodbench/proto'
import { ACTION_KINDS, type Rule } from '@prodbench/sdk/core'

/**
 * Rules and their protobuf messages, both ways, in one place: the KV value
 * (DesiredState), gRPC answers (Rule) and requests (RuleSpec) carry the same
 * selector and action fields.
 */

/** The selector and action fields a Rule and a RuleSpec message share. */
export type RuleFieldsMessage = Pick<
  RuleMessage,
  'selector' | 'level' | 'capture' | 'sample' | 'budget' | 'record' | 'tail'
>

/** Actions whose message fields need more than a copy (proto3 defaults to fill in). */
const CONVERTED: ReadonlySet<string> = new Set(['level', 'capture', 'sample', 'budget', 'record', 'tail'])

/** A core Rule as a protobuf message object (absent optionals left out). */
export function ruleToMessage(rule: Rule): NonNullable<DesiredStateInput['rules']>[number] {
  const { service, instance, logger, where } = rule.selector
  const message: Record<string, unknown> = {
    id: rule.id,
    selector: { service, instance, logger, ...(where ? { where } : {}) },
    expiresAt: rule.expiresAt,
    createdAt: rule.createdAt,
    author: rule.author,
    reason: rule.reason,
  }
  // Every action kind has a message field of the same name and shape.
  const actions = rule as Record<string, unknown>
  for (const kind of ACTION_KINDS) if (actions[kind] !== undefined) message[kind] = actions[kind]
  return message as NonNullable<DesiredStateInput['rules']>[number]
}

/**
 * The selector and action of a decoded message, shaped for the core schemas
 * (which then validate them): proto3's empty strings and maps become
 * undefined, and an absent action stays undefined, so "none" and "two" are
 * caught by the schema's one-action check.
 */
export function ruleFieldsFromMessage(message: RuleFieldsMessage) {
  const { selector, sample, budget, record, tail, capture } = message
  const where = selector?.where && Object.keys(selector.where).length > 0 ? { ...selector.where } : undefined
  // Kinds not converted below are passed as decoded, for their schema to check.
  const others: Record<string, unknown> = {}
  const fields = message as Record<string, unknown>
  for (const kind of ACTION_KINDS) if (!CONVERTED.has(kind) && fields[kind] != null) others[kind] = fields[kind]
  return {
    ...others,
    selector: {
      service: selector?.service ?? '',
      instance: selector?.instance || undefined,
      logger: selector?.logger || undefined,
      where,
    },
    level: message.level,
    capture: capture && { metric: capture.metric ?? '', intervalMs: capture.intervalMs ?? 0 },
    sample: sample && { level: sample.level ?? '', rate: sample.rate ?? 0 },
    budget: budget && { recordsPerSec: budget.recordsPerSec ?? 0, bytesPerSec: budget.bytesPerSec ?? 0 },
    record: record && { level: record.level ?? '' },
    tail: tail && { level: tail.level || undefined, maxPerSec: tail.maxPerSec || undefined },
  }
}
