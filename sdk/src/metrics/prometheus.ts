/**
 * The optional Prometheus endpoint: every histogram, counter and gauge of
 * the instance (the SDK's own `prodbench.sdk.*` ones included) in the text
 * exposition format (version 0.0.4), rendered at scrape time from the live
 * instruments. Reading never cuts a recorder, so captures are unaffected.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Counter } from './counter.js'
import type { Gauge } from './gauge.js'
import { Histogram } from './histogram.js'
import type { MetricRegistry } from './metric-registry.js'
import { boundsProblem, cumulativeBuckets, DEFAULT_PROMETHEUS_BUCKETS } from './prometheus-buckets.js'
import { lifetimeOf } from './prometheus-lifetime.js'
import {
  type BucketFamily,
  escapeHelp,
  formatLabels,
  formatValue,
  prometheusName,
  prometheusUnit,
} from './prometheus-names.js'

/** Content type of the text exposition format. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8'

/** Options of `pb.metricsHandler(options)`. */
export interface PrometheusOptions {
  /**
   * Bucket upper bounds per histogram, by prodbench name
   * (`{ 'http.server.duration': [0.01, 0.1, 1] }`), in the exposed unit
   * (seconds for time histograms, bytes, plain numbers); increasing.
   * @default {} (every histogram gets the defaults of its unit)
   */
  buckets?: Record<string, readonly number[]>
  /**
   * Bucket upper bounds replacing the defaults of a unit family, for every
   * histogram not named in `buckets`.
   * @default DEFAULT_PROMETHEUS_BUCKETS: seconds 0.0001…60, bytes 64 B…1 GiB, count 1…1e6
   */
  defaultBuckets?: Partial<Record<BucketFamily, readonly number[]>>
}

/** A `(req, res)` request listener serving the text format (GET and HEAD). */
export type MetricsHandler = (req: IncomingMessage, res: ServerResponse) => void

interface Resolved {
  readonly buckets: ReadonlyMap<string, readonly number[]>
  readonly defaults: Readonly<Record<BucketFamily, readonly number[]>>
}

/** Checks the options once; a bad list is reported and the defaults used (never thrown). */
export function resolvePrometheusOptions(options: PrometheusOptions = {}, report: (why: string) => void): Resolved {
  const buckets = new Map<string, readonly number[]>()
  for (const [name, bounds] of Object.entries(options.buckets ?? {})) {
    const why = boundsProblem(bounds)
    if (why) report(`metricsHandler: buckets["${name}"] ${why}; using the defaults`)
    else buckets.set(name, Object.freeze([...bounds]))
  }
  const defaults = { ...DEFAULT_PROMETHEUS_BUCKETS }
  for (const family of Object.keys(DEFAULT_PROMETHEUS_BUCKETS) as BucketFamily[]) {
    const bounds = options.defaultBuckets?.[family]
    if (bounds === undefined) continue
    const why = boundsProblem(bounds)
    if (why) report(`metricsHandler: defaultBuckets.${family} ${why}; using the defaults`)
    else defaults[family] = Object.freeze([...bounds])
  }
  return { buckets, defaults }
}

/**
 * The registry's instruments in the text format. Names are sanitised and
 * suffixed with their unit (see prometheus-names.ts); a second metric that
 * sanitises to a name already written is skipped with a comment.
 */
export function renderPrometheus(registry: MetricRegistry, resolved: Resolved, now: number = Date.now()): string {
  const lines: string[] = []
  const written = new Set<string>()
  const family = (name: string, from: string, type: string, help: string): boolean => {
    if (written.has(name)) {
      lines.push(`# prodbench: ${from} skipped, its name ${name} is taken by another metric`)
      return false
    }
    written.add(name)
    lines.push(`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} ${type}`)
    return true
  }
  const instruments: Array<Histogram | Counter | Gauge> = [
    ...registry.matching('**'),
    ...registry.scalarsMatching('**'),
  ]
  instruments.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const m of instruments) {
    if (m instanceof Counter) counterLines(m, family, lines)
    else if (m instanceof Histogram) histogramLines(m, resolved, family, lines)
    else gaugeLines(m, now, family, lines)
  }
  lines.push('')
  return lines.join('\n')
}

type Family = (name: string, from: string, type: string, help: string) => boolean

function histogramLines(h: Histogram, resolved: Resolved, family: Family, lines: string[]): void {
  const name = prometheusName(h.name, h.unit, 'histogram')
  if (!family(name, h.name, 'histogram', `prodbench histogram ${h.name} (recorded in ${h.unit})`)) return
  const unit = prometheusUnit(h.unit)
  const bounds = resolved.buckets.get(h.name) ?? resolved.defaults[unit.family]
  const { counts, count, sum } = lifetimeOf(h.recorder)
  const cumulative = cumulativeBuckets(counts, h.recorder.layout, bounds, unit.divisor, count)
  for (let i = 0; i < bounds.length; i++) {
    lines.push(`${name}_bucket{le="${formatValue(bounds[i] as number)}"} ${cumulative[i]}`)
  }
  lines.push(`${name}_bucket{le="+Inf"} ${count}`, `${name}_sum ${formatValue(sum / unit.divisor)}`)
  lines.push(`${name}_count ${count}`)
}

function counterLines(c: Counter, family: Family, lines: string[]): void {
  const name = prometheusName(c.name, c.unit, 'counter')
  if (!family(name, c.name, 'counter', `prodbench counter ${c.name} (unit ${c.unit})`)) return
  const { divisor } = prometheusUnit(c.unit)
  for (const [series, labels] of c.table.entries()) {
    lines.push(`${name}${formatLabels(Object.entries(labels))} ${formatValue(series.total / divisor)}`)
  }
}

function gaugeLines(g: Gauge, now: number, family: Family, lines: string[]): void {
  const name = prometheusName(g.name, g.unit, 'gauge')
  if (!family(name, g.name, 'gauge', `prodbench gauge ${g.name} (unit ${g.unit})`)) return
  const { divisor } = prometheusUnit(g.unit)
  // peek, not sample: a scrape must not add a value to a capture's window.
  const read = g.peek(now)
  for (const [series, labels] of g.table.entries()) {
    const pairs = Object.entries(labels)
    const value =
      read !== undefined && pairs.every(([, v]) => v === '') ? read : series.isSet ? series.value : undefined
    if (value !== undefined) lines.push(`${name}${formatLabels(pairs)} ${formatValue(value / divisor)}`)
  }
}

/**
 * A node:http request listener answering GET/HEAD with the text format, 405
 * otherwise. Never throws: a failure while rendering is reported and
 * answered 500.
 */
export function prometheusHandler(
  registry: MetricRegistry,
  options: PrometheusOptions | undefined,
  report: (why: string, error?: unknown) => void,
): MetricsHandler {
  const resolved = resolvePrometheusOptions(options, report)
  return (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' })
        res.end('method not allowed\n')
        return
      }
      const body = renderPrometheus(registry, resolved)
      res.writeHead(200, {
        'content-type': PROMETHEUS_CONTENT_TYPE,
        'content-length': Buffer.byteLength(body),
        'cache-control': 'no-store',
      })
      res.end(req.method === 'HEAD' ? undefined : body)
    } catch (err) {
      report(`metricsHandler: rendering failed: ${err instanceof Error ? err.message : String(err)}`, err)
      try {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
        res.end('metrics unavailable\n')
      } catch {
        // the response is gone; nothing more to do for the host
      }
    }
  }
}
