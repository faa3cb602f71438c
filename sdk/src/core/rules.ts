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

/** Most request attributes one rule may require. */
export const MAX_WHERE_ATTRIBUTES = 8

/** A request attribute name: `user`, `tenant`, `route`, `method`, `trace` or one the app sets. */
export const AttributeName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/,
    'must start with a letter or "_" and hold at most 64 letters, digits, "_", "." or "-"',
  )

/**
 * Request attributes a request must carry, all of them, for a rule to apply
 * to what is logged while serving it. Values are compared exactly.
 */
export const Where = z
  .record(AttributeName, z.string().min(1, 'must not be empty').max(256))
  .refine((where) => Object.keys(where).length <= MAX_WHERE_ATTRIBUTES, {
    message: `at most ${MAX_WHERE_ATTRIBUTES} attributes`,
  })
export type Where = z.infer<typeof Where>

/** Which instances, loggers and requests a rule applies to; absent fields match everything. */
export const Selector = z.object({
  service: ServiceName,
  // proto3 cannot tell an empty string from an absent one: both mean "every".
  instance: z.preprocess((v) => (v === '' ? undefined : v), InstanceId.optional()),
  logger: z.preprocess((v) => (v === '' ? undefined : v), LoggerPattern.optional()),
  // proto3 maps arrive as {} when empty: also "every".
  where: z.preprocess(
    (v) => (v !== null && typeof v === 'object' && Object.keys(v).length === 0 ? undefined : v),
    Where.optional(),
  ),
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

/** A level a record can have (not `silent`). */
const RecordLevel = Level.exclude(['silent'])

/**
 * Log sampling: records at `level` or below are kept with probability `rate`
 * and carry `sampleRate`. Errors and fatals are sampled only when `level`
 * names them.
 */
export const Sample = z.object({
  level: RecordLevel,
  rate: z.number().gt(0, 'must be above 0').max(1, 'must be at most 1'),
})
export type Sample = z.infer<typeof Sample>

/** Highest budget a rule may name (the control plane may set a lower ceiling). */
export const MAX_BUDGET_RECORDS_PER_SEC = 1_000_000
export const MAX_BUDGET_BYTES_PER_SEC = 1_073_741_824

/** Log budget per instance: most records and bytes per second written; 0 keeps the code's limit. */
export const Budget = z
  .object({
    recordsPerSec: z.number().int().nonnegative().max(MAX_BUDGET_RECORDS_PER_SEC).default(0),
    bytesPerSec: z.number().int().nonnegative().max(MAX_BUDGET_BYTES_PER_SEC).default(0),
  })
  .refine((b) => b.recordsPerSec > 0 || b.bytesPerSec > 0, {
    message: 'set recordsPerSec or bytesPerSec',
    path: ['recordsPerSec'],
  })
export type Budget = z.infer<typeof Budget>

/** Flight recorder: keep records from `level` up to the effective level in the ring, unwritten. */
export const RecordAction = z.object({ level: RecordLevel })
export type RecordAction = z.infer<typeof RecordAction>

/** Default and highest tail rate, records per second and instance. */
export const DEFAULT_TAIL_PER_SEC = 200
export const MAX_TAIL_PER_SEC = 5_000

/** A live tail: publish records at `level` or above (the effective level when absent). */
export const Tail = z.object({
  level: z.preprocess((v) => (v === '' ? undefined : v), RecordLevel.optional()),
  maxPerSec: z.preprocess(
    (v) => (v === 0 ? undefined : v),
    z.number().int().positive().max(MAX_TAIL_PER_SEC).optional(),
  ),
})
export type Tail = z.infer<typeof Tail>

/** Shortest and longest interval a check may be given live. */
export const MIN_CHECK_EVERY_MS = 1_000
export const MAX_CHECK_EVERY_MS = 86_400_000

/** A sanity check changed live: its interval (0 keeps the code's) or paused. */
export const CheckControl = z.object({
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, "_", "." or "-"'),
  everyMs: z.preprocess(
    (v) => (v === 0 ? undefined : v),
    z.number().int().min(MIN_CHECK_EVERY_MS).max(MAX_CHECK_EVERY_MS).optional(),
  ),
  paused: z.boolean().optional(),
})
export type CheckControl = z.infer<typeof CheckControl>

/** Takes the selected instance out of traffic (see docs/incidents.md). */
export const Quarantine = z.object({ reason: z.string().max(1_000).optional() })
export type Quarantine = z.infer<typeof Quarantine>

/** The action fields of a rule, exactly one of which is set. */
export const ACTION_KINDS = ['level', 'capture', 'sample', 'budget', 'record', 'tail', 'check', 'quarantine'] as const
/** What a rule does. */
export type ActionKind = (typeof ACTION_KINDS)[number]

type Actions = { [K in ActionKind]?: unknown }

/** The action kind of a rule or spec, or undefined when none is set. */
export function actionKind(rule: Actions): ActionKind | undefined {
  return ACTION_KINDS.find((kind) => rule[kind] !== undefined)
}

/** Action kinds whose rules may select loggers / requests. */
const TAKES_LOGGER: ReadonlySet<ActionKind> = new Set(['level', 'sample', 'record', 'tail'])

/** Checks that exactly one action is set and that the selector fits it. */
function oneAction(
  rule: Actions & { selector: { instance?: string; logger?: string; where?: Record<string, string> } },
  ctx: z.RefinementCtx,
): void {
  const set = ACTION_KINDS.filter((kind) => rule[kind] !== undefined)
  if (set.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      path: ['level'],
      message: `exactly one action (${ACTION_KINDS.join(', ')}) must be set${set.length ? `, got ${set.join(' and ')}` : ''}`,
    })
    return
  }
  const kind = set[0] as ActionKind
  if (TAKES_LOGGER.has(kind)) return
  if (kind === 'quarantine' && rule.selector.instance === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['selector', 'instance'],
      message: 'a quarantine names one instance: set instance',
    })
  }
  const what =
    kind === 'capture'
      ? 'a capture selects metrics'
      : kind === 'check'
        ? 'a check is per instance'
        : kind === 'quarantine'
          ? 'a quarantine is per instance'
          : 'a budget is per instance'
  if (rule.selector.logger !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['selector', 'logger'],
      message: `${what}, not loggers: leave logger empty`,
      input: rule.selector.logger,
    })
  }
  if (rule.selector.where !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['selector', 'where'],
      message: `${what}, not requests: leave where empty`,
      input: rule.selector.where,
    })
  }
}

/**
 * One override in a service's desired state. Its action, exactly one of:
 * `level` (the level of the loggers, and requests, it covers), `capture`
 * (stream metrics), `sample`, `budget`, `record` (flight recorder) or `tail`. `expiresAt` 0 or absent means it never expires.
 */
export const Rule = z
  .object({
    id: RuleId,
    selector: Selector,
    level: Level.optional(),
    capture: Capture.optional(),
    sample: Sample.optional(),
    budget: Budget.optional(),
    record: RecordAction.optional(),
    tail: Tail.optional(),
    check: CheckControl.optional(),
    quarantine: Quarantine.optional(),
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
    sample: Sample.optional(),
    budget: Budget.optional(),
    record: RecordAction.optional(),
    tail: Tail.optional(),
    check: CheckControl.optional(),
    quarantine: Quarantine.optional(),
    ttlMs: z.number().int().nonnegative().max(MAX_TTL_MS).optional(),
    reason: z.string().max(1_000).optional(),
  })
  .superRefine(oneAction)
export type RuleSpec = z.infer<typeof RuleSpec>

/** The rules' ids, comma-joined: rules are immutable, so equal ids mean equal rules. */
export function ruleIds(rules: readonly Rule[]): string {
  return rules.map((rule) => rule.id).join(',')
}

/** True when the rule no longer applies at `now`. */
export function isExpired(rule: Rule, now: number): boolean {
  return rule.expiresAt !== undefined && rule.expiresAt > 0 && rule.expiresAt <= now
}
