/**
 * prodbench names and units as the Prometheus text format wants them:
 * `http.server.duration` recorded in µs becomes `http_server_duration_seconds`
 * with its values in seconds (Prometheus' base units), counters end in `_total`.
 */
import type { Unit } from './units.js'

/** How one prodbench unit is exposed: the name suffix, and what to divide values by. */
export interface PrometheusUnit {
  /** Appended to the metric name (`_seconds`, `_bytes`) unless the name already ends with it; '' for plain counts. */
  readonly suffix: string
  /** Values are divided by this (1e6 for µs → seconds). */
  readonly divisor: number
  /** Which family of default bucket bounds a histogram in this unit gets. */
  readonly family: BucketFamily
}

/** The three kinds of default bucket bounds: seconds, bytes and plain counts. */
export type BucketFamily = 'seconds' | 'bytes' | 'count'

const UNITS: Readonly<Record<Unit, PrometheusUnit>> = {
  ns: { suffix: '_seconds', divisor: 1e9, family: 'seconds' },
  us: { suffix: '_seconds', divisor: 1e6, family: 'seconds' },
  ms: { suffix: '_seconds', divisor: 1e3, family: 'seconds' },
  s: { suffix: '_seconds', divisor: 1, family: 'seconds' },
  bytes: { suffix: '_bytes', divisor: 1, family: 'bytes' },
  '1': { suffix: '', divisor: 1, family: 'count' },
}

/** The Prometheus unit of a prodbench unit (unknown units are exposed as plain counts). */
export function prometheusUnit(unit: Unit): PrometheusUnit {
  return UNITS[unit] ?? UNITS['1']
}

/**
 * The Prometheus name of metric `name` in `unit`: every character outside
 * `[a-zA-Z0-9_:]` (the dots, a `-`) becomes `_`, a leading digit gets a `_`
 * in front, then the unit suffix and, for counters, `_total`.
 */
export function prometheusName(name: string, unit: Unit, kind: 'histogram' | 'counter' | 'gauge'): string {
  let base = name.replace(/[^a-zA-Z0-9_:]/g, '_')
  if (!/^[a-zA-Z_:]/.test(base)) base = `_${base}`
  const { suffix } = prometheusUnit(unit)
  if (suffix && !base.endsWith(suffix)) base += suffix
  if (kind === 'counter' && !base.endsWith('_total')) base += '_total'
  return base
}

/** A label value escaped for the text format: `\`, `"` and newlines. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
}

/** A HELP text escaped for the text format: `\` and newlines. */
export function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')
}

/** A sample value as the text format writes it (`+Inf`, `-Inf`, `NaN`, or the number). */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Number.POSITIVE_INFINITY) return '+Inf'
  if (value === Number.NEGATIVE_INFINITY) return '-Inf'
  return String(value)
}

/** `{a="1",b="2"}` for the given label pairs, '' when there are none. */
export function formatLabels(pairs: ReadonlyArray<readonly [string, string]>): string {
  if (pairs.length === 0) return ''
  return `{${pairs.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',')}}`
}
