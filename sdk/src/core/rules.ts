import { z } from 'zod'
import { Level } from './levels.js'
import {
  instanceIdProblem,
  loggerPatternProblem,
  metricNameProblem,
  metricPatternProblem,
  serviceNameProblem,
} from './names.js'

function checked(problem: (value: string) => string | undefined) {
  return z.string().superRefine((value, ctx) => {
    const why = problem(value)
    if (why) ctx.addIssue({ code: 'custom', message: why, input: value })
  })
}

/** A service name: one NATS token. */
export const ServiceName = checked(serviceNameProblem)
/** An instance id: one NATS token. */
export const InstanceId = checked(instanceIdProblem)
/** A logger name or pattern: dotted tokens, `*` for one segment. */
export const LoggerPattern = checked(loggerPatternProblem)
/** A metric name: dotted tokens. */
export const MetricName = checked(metricNameProblem)
/** A metric pattern: dotted tokens, `*` for one segment, a trailing `**` for any. */
export const MetricPattern = checked(metricPatternProblem)
/** A rule id as assigned by the control plane. */
export const RuleId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "_" or "-"')

const UnixMs = z.number().int().nonnegative()

/** Which instances and loggers a rule applies to; absent fields match everything. */
export const Selector = z.object({
  service: ServiceName,
  // proto3 cannot tell an empty string from an absent one: both mean "every".
  instance: z.preprocess((v) => (v === '' ? undefined : v), InstanceId.optional()),
  logger: z.preprocess((v) => (v === '' ? undefined : v), LoggerPattern.optional()),
})
export type Selector = z.infer<typeof Selector>

/** The most rules one service's desired state may hold. */
export const MAX_RULES_PER_SERVICE = 1_000

/** Shortest and longest capture interval; intervals are whole seconds. */
export const MIN_CAPTURE_INTERVAL_MS = 1_000
export const MAX_CAPTURE_INTERVAL_MS = 3_600_000

/** A histogram capture: publish the interval histograms of the metrics `metric` covers. */
export const Capture = z.object({
  metric: MetricPattern,
  intervalMs: z
    .number()
    .int()
    .min(MIN_CAPTURE_INTERVAL_MS)
    .max(MAX_CAPTURE_INTERVAL_MS)
    .refine((ms) => ms % 1_000 === 0, 'must be whole seconds'),
})
export type Capture = z.infer<typeof Capture>

/** Checks that exactly one action is set and that a capture has no logger. */
function oneAction(
  rule: { level?: unknown; capture?: unknown; selector: { logger?: string } },
  ctx: z.RefinementCtx,
): void {
  const actions = (rule.level !== undefined ? 1 : 0) + (rule.capture !== undefined ? 1 : 0)
  if (actions !== 1) {
    ctx.addIssue({ code: 'custom', path: ['level'], message: 'exactly one action (level or capture) must be set' })
  }
  if (rule.capture !== undefined && rule.selector.logger !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['selector', 'logger'],
      message: 'a capture selects metrics, not loggers: leave logger empty',
      input: rule.selector.logger,
    })
  }
}

/**
 * One override in a service's desired state. Its action is `level` (set the
 * level of the loggers it covers) or `capture` (stream histograms); exactly
 * one is set. `expiresAt` 0 or absent means it never expires.
 */
export const Rule = z
  .object({
    id: RuleId,
    selector: Selector,
    level: Level.optional(),
    capture: Capture.optional(),
    expiresAt: UnixMs.optional(),
    createdAt: UnixMs,
    author: z.string().max(200),
    reason: z.string().max(1_000).optional(),
  })
  .superRefine(oneAction)
export type Rule = z.infer<typeof Rule>

/** The value of a service's key in the desired-state KV bucket. */
export const DesiredState = z
  .object({
    service: ServiceName,
    // proto3 leaves an empty repeated field out of the encoding: absent means none.
    rules: z.array(Rule).max(MAX_RULES_PER_SERVICE).default([]),
    updatedAt: UnixMs.optional(),
  })
  .superRefine((state, ctx) => {
    const seen = new Set<string>()
    state.rules.forEach((rule, index) => {
      if (rule.selector.service !== state.service) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'selector', 'service'],
          message: `must be the state's service "${state.service}"`,
          input: rule.selector.service,
        })
      }
      if (seen.has(rule.id)) {
        ctx.addIssue({ code: 'custom', path: ['rules', index, 'id'], message: 'is a duplicate', input: rule.id })
      }
      seen.add(rule.id)
    })
  })
export type DesiredState = z.infer<typeof DesiredState>

/** The longest TTL a rule may be given (a year: longer is "no expiry", say so). */
export const MAX_TTL_MS = 366 * 86_400_000

/** What an operator asks for; the control plane turns it into a {@link Rule}. */
export const RuleSpec = z
  .object({
    selector: Selector,
    level: Level.optional(),
    capture: Capture.optional(),
    ttlMs: z.number().int().nonnegative().max(MAX_TTL_MS).optional(),
    reason: z.string().max(1_000).optional(),
  })
  .superRefine(oneAction)
export type RuleSpec = z.infer<typeof RuleSpec>

/** True when the rule no longer applies at `now`. */
export function isExpired(rule: Rule, now: number): boolean {
  return rule.expiresAt !== undefined && rule.expiresAt > 0 && rule.expiresAt <= now
}
