/**
 * The zod-free helpers of @prodbench/sdk/core, imported from their own files:
 * the core's index builds the zod schemas when loaded, which costs the first
 * page load ~200 KB of script. Only the rule form needs the schemas, and it
 * loads them itself (lazily, see rule-form-loader.ts).
 */
export { formatDuration, parseDuration } from '../../../../sdk/src/core/duration.js'
export { metricMatches } from '../../../../sdk/src/core/names.js'

/** The action fields of a rule, as the core's ACTION_KINDS lists them (a copy: that module loads zod). */
const ACTION_KINDS = ['level', 'capture', 'sample', 'budget', 'record', 'tail', 'check', 'quarantine'] as const

/** What a rule does: the one action field it sets. */
export function actionKind(
  rule: { [K in (typeof ACTION_KINDS)[number]]?: unknown },
): (typeof ACTION_KINDS)[number] | undefined {
  return ACTION_KINDS.find((kind) => rule[kind] !== undefined)
}
