import type {
  DumpInstancesRequest,
  GetHistogramRequest,
  RemoveRulesRequest,
  SetRuleRequest,
  TailRequest,
  WatchHistogramRequest,
  WatchMetricsRequest,
} from '@prodbench/proto'
import {
  InstanceId,
  Level,
  LoggerPattern,
  MAX_TAIL_PER_SEC,
  MAX_TTL_MS,
  MetricName,
  MetricPattern,
  RuleId,
  RuleSpec,
  Selector,
  ServiceName,
  Where,
} from '@prodbench/sdk/core'
import { z } from 'zod'
import { InvalidArgumentError } from '../errors.js'
import { ruleFieldsFromMessage } from '../state/rule-message.js'

/**
 * gRPC requests → validated, typed inputs. proto3 has no "absent" for
 * strings, so empty strings become undefined here; every problem becomes an
 * {@link InvalidArgumentError} naming the proto field path
 * (`rule.selector.service: may only contain letters, ...`).
 */

/** The longest wait a request may ask for. */
export const MAX_WAIT_MS = 60_000

const WaitMs = z.number().int().nonnegative().max(MAX_WAIT_MS).optional()
const Reason = z.string().max(1_000).optional()

/** A validated SetRule request. */
export const SetRuleInput = z.object({ rule: RuleSpec, waitMs: WaitMs })
export type SetRuleInput = z.infer<typeof SetRuleInput>

/** A validated RemoveRules request: by ids, or by the instance/logger filters. */
export const RemoveRulesInput = z
  .object({
    service: ServiceName,
    ruleIds: z.array(RuleId).max(1_000),
    instance: InstanceId.optional(),
    logger: LoggerPattern.optional(),
    waitMs: WaitMs,
    reason: Reason,
  })
  .superRefine((input, ctx) => {
    if (input.ruleIds.length > 0 && (input.instance !== undefined || input.logger !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [input.instance !== undefined ? 'instance' : 'logger'],
        message: 'cannot be combined with rule_ids: remove by ids or by filter',
      })
    }
  })
export type RemoveRulesInput = z.infer<typeof RemoveRulesInput>

/** Parses a SetRule request. */
export function parseSetRule(request: SetRuleRequest): SetRuleInput {
  if (!request.rule) throw new InvalidArgumentError('rule', 'is required')
  const spec = request.rule
  return parse(SetRuleInput, {
    rule: {
      // The action oneof: an absent field stays undefined, so "none" and "both" are caught by RuleSpec.
      ...ruleFieldsFromMessage(spec),
      ttlMs: spec.ttlMs || undefined,
      reason: spec.reason || undefined,
    },
    waitMs: request.waitMs || undefined,
  })
}

/** Parses a RemoveRules request. */
export function parseRemoveRules(request: RemoveRulesRequest): RemoveRulesInput {
  return parse(RemoveRulesInput, {
    service: request.service ?? '',
    ruleIds: request.ruleIds ?? [],
    instance: request.instance || undefined,
    logger: request.logger || undefined,
    waitMs: request.waitMs || undefined,
    reason: request.reason || undefined,
  })
}

/** The most windows one GetHistogram may merge (the history kept per capture and metric is bounded too). */
export const MAX_WINDOWS = 3_600

/** A validated GetHistogram request. */
export const GetHistogramInput = z.object({
  service: ServiceName,
  metric: MetricName,
  captureId: RuleId.optional(),
  windows: z.number().int().min(1).max(MAX_WINDOWS),
  perInstance: z.boolean(),
})
export type GetHistogramInput = z.infer<typeof GetHistogramInput>

/** A validated WatchHistogram request. */
export const WatchHistogramInput = z.object({
  service: ServiceName,
  metric: MetricName,
  captureId: RuleId.optional(),
  perInstance: z.boolean(),
  backlog: z.number().int().nonnegative().max(MAX_WINDOWS),
})
export type WatchHistogramInput = z.infer<typeof WatchHistogramInput>

/** Parses a GetHistogram request (`windows` 0 means 1). */
export function parseGetHistogram(request: GetHistogramRequest): GetHistogramInput {
  return parse(GetHistogramInput, {
    service: request.service ?? '',
    metric: request.metric ?? '',
    captureId: request.captureId || undefined,
    windows: request.windows || 1,
    perInstance: request.perInstance ?? false,
  })
}

/** Parses a WatchHistogram request. */
export function parseWatchHistogram(request: WatchHistogramRequest): WatchHistogramInput {
  return parse(WatchHistogramInput, {
    service: request.service ?? '',
    metric: request.metric ?? '',
    captureId: request.captureId || undefined,
    perInstance: request.perInstance ?? false,
    backlog: request.backlog ?? 0,
  })
}

/** A validated WatchMetrics request: `metric` is a pattern filtering the series (absent: all). */
export const WatchMetricsInput = z.object({
  service: ServiceName,
  captureId: RuleId.optional(),
  metric: MetricPattern.optional(),
  backlog: z.number().int().nonnegative().max(MAX_WINDOWS),
})
export type WatchMetricsInput = z.infer<typeof WatchMetricsInput>

/** Parses a WatchMetrics request. */
export function parseWatchMetrics(request: WatchMetricsRequest): WatchMetricsInput {
  return parse(WatchMetricsInput, {
    service: request.service ?? '',
    captureId: request.captureId || undefined,
    metric: request.metric || undefined,
    backlog: request.backlog ?? 0,
  })
}

/** A level a record can have (`silent` is no record's). */
const RecordLevel = Level.exclude(['silent'])

/**
 * A validated Tail request. `ttlMs` absent means the server's default; the
 * control plane's own ceiling (`tails.maxTtlMs`) is applied after parsing.
 */
export const TailInput = z.object({
  selector: Selector,
  level: RecordLevel.optional(),
  ttlMs: z.number().int().positive().max(MAX_TTL_MS).optional(),
  maxPerSec: z.number().int().positive().max(MAX_TAIL_PER_SEC).optional(),
  reason: Reason,
})
export type TailInput = z.infer<typeof TailInput>

/** Records a dump returns per instance when the request says 0, and the most it may ask for. */
export const DEFAULT_DUMP_RECORDS = 500
export const MAX_DUMP_RECORDS = 10_000

/** A validated Dump request. `waitMs` absent means the server's default. */
export const DumpInput = z.object({
  service: ServiceName,
  instance: InstanceId.optional(),
  last: z.number().int().positive().max(MAX_DUMP_RECORDS).default(DEFAULT_DUMP_RECORDS),
  where: Where.optional(),
  logger: LoggerPattern.optional(),
  level: RecordLevel.optional(),
  waitMs: WaitMs,
})
export type DumpInput = z.infer<typeof DumpInput>

/** Parses a Tail request (`ttl_ms` 0: the server's default, applied later with the other limits). */
export function parseTail(request: TailRequest): TailInput {
  const { selector } = ruleFieldsFromMessage({ selector: request.selector })
  return parse(TailInput, {
    selector,
    level: request.level || undefined,
    ttlMs: request.ttlMs || undefined,
    maxPerSec: request.maxPerSec || undefined,
    reason: request.reason || undefined,
  })
}

/** Parses a Dump request (`last` 0: 500; `wait_ms` 0: the server's default). */
export function parseDump(request: DumpInstancesRequest): DumpInput {
  const where = request.where && Object.keys(request.where).length > 0 ? { ...request.where } : undefined
  return parse(DumpInput, {
    service: request.service ?? '',
    instance: request.instance || undefined,
    last: request.last || undefined,
    where,
    logger: request.logger || undefined,
    level: request.level || undefined,
    waitMs: request.waitMs || undefined,
  })
}

/** Parses a required service name field. */
export function parseService(service: string | undefined, field = 'service'): string {
  return parse(z.object({ [field]: ServiceName }), { [field]: service ?? '' })[field] as string
}

/** Parses an optional service name (empty: every service). */
export function parseOptionalService(service: string | undefined): string | undefined {
  return service ? parseService(service) : undefined
}

/** Validates `input` with `schema`; the first problem becomes an {@link InvalidArgumentError} naming the proto field. */
export function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input, { reportInput: true })
  if (result.success) return result.data
  const issue = result.error.issues[0] as z.core.$ZodIssue
  const field = fieldPath(issue.path)
  // A bad attribute name: say what a name must be, not zod's "Invalid key in record".
  const message = issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message
  const got = 'input' in issue && issue.input !== undefined ? ` (got ${preview(issue.input)})` : ''
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problem(s))` : ''
  throw new InvalidArgumentError(field, `${message}${got}${more}`)
}

/**
 * The proto path of a zod issue: field names in snake_case, but the keys of
 * a `where` map as they are (`rule.selector.where.userId`): they are data.
 */
function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => {
      if (typeof part !== 'string') return String(part)
      return path[index - 1] === 'where' ? part : snakeCase(part)
    })
    .join('.')
}

/** Proto field names are snake_case; callers in any language know them by that name. */
function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
}

function preview(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? value)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}
