import { formatDuration, type RuleSpec } from '@prodbench/sdk/core'
import { OverCeilingError } from '../errors.js'

/** Limits this control plane puts on rules beyond what the schemas allow. */
export interface RuleLimits {
  /** Highest budget a rule may set, per instance. */
  readonly maxBudget: { readonly recordsPerSec: number; readonly bytesPerSec: number }
  /** TTL of a tail rule that asks for none. */
  readonly tailDefaultTtlMs: number
  /** Longest TTL a tail rule may have: a tail always ends. */
  readonly tailMaxTtlMs: number
  /**
   * Longest TTL of a level rule at debug or trace; one without a TTL gets this one.
   * @default DEFAULT_MAX_DEBUG_TTL_MS (1 h)
   */
  readonly maxDebugTtlMs?: number
}

/** Budget ceiling when the control plane is not told otherwise: 50,000 records/s and 64 MiB/s per instance. */
export const DEFAULT_MAX_BUDGET = Object.freeze({ recordsPerSec: 50_000, bytesPerSec: 64 * 1024 * 1024 })
/** TTL of a tail that asks for none: 10 minutes. */
export const DEFAULT_TAIL_TTL_MS = 10 * 60_000
/** Longest tail: 1 hour. */
export const DEFAULT_TAIL_MAX_TTL_MS = 60 * 60_000
/** Longest debug or trace rule: 1 hour (a forgotten debug switch reverts by itself). */
export const DEFAULT_MAX_DEBUG_TTL_MS = 60 * 60_000

/** The limits used when none are given. */
export const DEFAULT_RULE_LIMITS: RuleLimits = Object.freeze({
  maxBudget: DEFAULT_MAX_BUDGET,
  tailDefaultTtlMs: DEFAULT_TAIL_TTL_MS,
  tailMaxTtlMs: DEFAULT_TAIL_MAX_TTL_MS,
  maxDebugTtlMs: DEFAULT_MAX_DEBUG_TTL_MS,
})

/**
 * Applies the control plane's limits to a validated spec: a budget above
 * the ceiling and a tail TTL above the maximum are refused, naming the field
 * (under `prefix`: "rule." in SetRule, "" in Tail) and the option; a tail
 * without TTL gets the default one. Returns the spec to store.
 * @throws {OverCeilingError} naming the field and the limit
 */
export function applyRuleLimits(spec: RuleSpec, limits: RuleLimits, prefix = 'rule.'): RuleSpec {
  spec = applyDebugTtl(spec, limits.maxDebugTtlMs ?? DEFAULT_MAX_DEBUG_TTL_MS, prefix)
  if (spec.budget) {
    const { recordsPerSec, bytesPerSec } = limits.maxBudget
    if (spec.budget.recordsPerSec > recordsPerSec) {
      throw new OverCeilingError(
        `${prefix}budget.records_per_sec`,
        `${spec.budget.recordsPerSec} records/s is above this control plane's ceiling of ${recordsPerSec} (maxBudget.recordsPerSec)`,
        'maxBudget.recordsPerSec',
        recordsPerSec,
      )
    }
    if (spec.budget.bytesPerSec > bytesPerSec) {
      throw new OverCeilingError(
        `${prefix}budget.bytes_per_sec`,
        `${spec.budget.bytesPerSec} bytes/s is above this control plane's ceiling of ${bytesPerSec} (maxBudget.bytesPerSec)`,
        'maxBudget.bytesPerSec',
        bytesPerSec,
      )
    }
  }
  if (!spec.tail) return spec
  const ttlMs = spec.ttlMs || limits.tailDefaultTtlMs
  if (ttlMs > limits.tailMaxTtlMs) {
    throw new OverCeilingError(
      `${prefix}ttl_ms`,
      `a tail lives at most ${formatDuration(limits.tailMaxTtlMs)} (tails.maxTtlMs), got ${formatDuration(ttlMs)}`,
      'tails.maxTtlMs',
      limits.tailMaxTtlMs,
    )
  }
  return { ...spec, ttlMs }
}

/**
 * A level rule at debug or trace (every matching record written) lives at
 * most `maxMs`: without a TTL it gets that one, above it the rule is refused
 * naming the limit. Sample and record rules are not limited: a share of
 * debug records, or a flight recorder at debug, are settings one may keep
 * (bounded by the budget and the ring).
 * @throws {OverCeilingError} for a longer TTL
 */
function applyDebugTtl(spec: RuleSpec, maxMs: number, prefix: string): RuleSpec {
  const level = spec.level
  if (level !== 'debug' && level !== 'trace') return spec
  if (!spec.ttlMs) return { ...spec, ttlMs: maxMs }
  if (spec.ttlMs <= maxMs) return spec
  throw new OverCeilingError(
    `${prefix}ttl_ms`,
    `a ${level} rule lives at most ${formatDuration(maxMs)} (maxDebugTtlMs), got ${formatDuration(spec.ttlMs)}`,
    'maxDebugTtlMs',
    maxMs,
  )
}
