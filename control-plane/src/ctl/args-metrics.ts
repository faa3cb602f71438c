/**
 * The command lines of `ctl metrics` (every instrument of the live instances)
 * and `ctl watch` (a capture's counters and gauges, live). args.ts splits the
 * words; this turns them into commands.
 */
import type { ParseArgsConfig } from 'node:util'
import { metricPatternProblem, RuleId } from '@prodbench/sdk/core'
import { type CommandWords, optional, serviceOf } from './args-values.js'
import { UsageError } from './errors.js'

/** `ctl metrics`: one ListMetrics, optionally narrowed to one instance. */
export type MetricsCommand = {
  name: 'metrics'
  service: string
  /** Only this instance. @default every live instance */
  instance?: string
  /** One block per instance instead of one row per instrument across the fleet. */
  perInstance: boolean
}

/** `ctl watch`: follow WatchMetrics until Ctrl-C or the capture ends. */
export type WatchCommand = {
  name: 'watch'
  service: string
  /** Pattern of the metrics shown (`orders.*`, `db.**`). @default every counter and gauge of the capture */
  metric?: string
  captureId?: string
}

/** Every counters-and-gauges command. */
export type MetricsCommands = MetricsCommand | WatchCommand

/** The `key=` words of these commands. */
export type MetricsKey = 'svc' | 'inst' | 'metric' | 'capture'

type Options = NonNullable<ParseArgsConfig['options']>

/** Keys and flags per command. */
export const METRICS_SPECS: Readonly<
  Record<MetricsCommands['name'], { keys: readonly MetricsKey[]; options: Options }>
> = {
  metrics: { keys: ['svc', 'inst'], options: { 'per-instance': { type: 'boolean' } } },
  watch: { keys: ['svc', 'metric', 'capture'], options: {} },
}

/** The words of a command line, split by args.ts (keys already checked). */
export type MetricsWords = CommandWords<MetricsKey>

/** Builds `metrics` or `watch` from its checked words. */
export function buildMetricsCommand(name: MetricsCommands['name'], words: MetricsWords): MetricsCommands {
  const { keys, bare, values } = words
  const service = serviceOf(name, keys)
  if (bare.length > 0) {
    const hint = name === 'watch' ? ' (did you mean metric=PATTERN?)' : ''
    throw new UsageError(`unexpected argument "${bare[0]}"${hint}`, name)
  }
  if (name === 'metrics') {
    return { name, service, ...optional('instance', keys.inst), perInstance: values['per-instance'] === true }
  }
  return { name, service, ...optional('metric', keys.metric), ...optional('captureId', keys.capture) }
}

/** Why the value of `metric=` or `capture=` is wrong, or undefined. `metric=` is a pattern here. */
export function metricsKeyProblem(key: 'metric' | 'capture', value: string): string | undefined {
  if (key === 'metric') return metricPatternProblem(value)
  const result = RuleId.safeParse(value)
  return result.success ? undefined : result.error.issues[0]?.message
}
