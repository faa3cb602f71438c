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
export type { EffectiveConfig, InstanceRef, LevelSource, ResolvedLevel } from './resolve.js'
export { levelFor, loggerMatches, resolve } from './resolve.js'
export {
  Capture,
  DesiredState,
  InstanceId,
  isExpired,
  LoggerPattern,
  MAX_CAPTURE_INTERVAL_MS,
  MAX_RULES_PER_SERVICE,
  MAX_TTL_MS,
  MetricName,
  MetricPattern,
  MIN_CAPTURE_INTERVAL_MS,
  Rule,
  RuleId,
  RuleSpec,
  Selector,
  ServiceName,
} from './rules.js'
export { describeZodError, firstZodPath } from './schema-error.js'
export { DESIRED_STATE_BUCKET, desiredStateKey, SUBJECT_ROOT, SubjectNameError, subjects } from './subjects.js'
