/**
 * The pure core shared by the SDK and the control plane: names, levels, the
 * rule schemas, `resolve`, subjects and durations. No I/O and no timers here:
 * time comes in as an argument.
 */
export { formatDuration, parseDuration } from './duration.js'
export { fnv1a } from './hash.js'
export { isLevel, LEVEL_VALUES, LEVELS, Level } from './levels.js'
export {
  instanceIdProblem,
  loggerNameProblem,
  loggerPatternProblem,
  MAX_INSTANCE_LENGTH,
  MAX_LOGGER_LENGTH,
  MAX_SERVICE_LENGTH,
  metricMatches,
  metricNameProblem,
  metricPatternProblem,
  serviceNameProblem,
  toToken,
} from './names.js'
export type { Attributes, EffectiveConfig, InstanceRef, LevelSource, ResolvedLevel } from './resolve.js'
export { firstCovering, levelFor, loggerMatches, requestRulesFor, resolve, whereMatches } from './resolve.js'
export {
  ACTION_KINDS,
  type ActionKind,
  AttributeName,
  actionKind,
  Budget,
  Capture,
  CheckControl,
  DEFAULT_TAIL_PER_SEC,
  DesiredState,
  InstanceId,
  isExpired,
  LoggerPattern,
  MAX_BUDGET_BYTES_PER_SEC,
  MAX_BUDGET_RECORDS_PER_SEC,
  MAX_CAPTURE_INTERVAL_MS,
  MAX_CHECK_EVERY_MS,
  MAX_RULES_PER_SERVICE,
  MAX_TAIL_PER_SEC,
  MAX_TTL_MS,
  MAX_WHERE_ATTRIBUTES,
  MetricName,
  MetricPattern,
  MIN_CAPTURE_INTERVAL_MS,
  MIN_CHECK_EVERY_MS,
  Quarantine,
  RecordAction,
  Rule,
  RuleId,
  RuleSpec,
  ruleIds,
  Sample,
  Selector,
  ServiceName,
  Tail,
  Where,
} from './rules.js'
export { describeZodError, firstZodPath } from './schema-error.js'
export { DESIRED_STATE_BUCKET, desiredStateKey, SUBJECT_ROOT, SubjectNameError, subjects } from './subjects.js'
