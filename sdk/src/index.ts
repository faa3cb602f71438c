/**
 * @prodbench/sdk: embed in a Node service to get pino loggers whose levels
 * are changed live over NATS by the prodbench control plane, and histograms,
 * counters and gauges streamed when a capture asks for them.
 *
 * ```ts
 * const pb = init({ service: 'checkout', nats: process.env.NATS_URL })
 * const log = pb.logger('db')
 * await pb.ready()
 * ```
 */

export type { CheckOptions } from './checks/check-set.js'
export type { CheckResult } from './checks/sanity-check.js'
export { CheckTimeoutError } from './checks/sanity-check.js'
export type { HeaderRecord } from './context/propagation.js'
export type { RequestContext } from './context/request-context.js'
export { currentContext } from './context/request-context.js'
export type { Level } from './core/index.js'
export { LEVELS } from './core/index.js'
export type { Diagnostic, DiagnosticSink } from './diagnostics.js'
export { DIAGNOSTICS_CHANNEL } from './diagnostics.js'
export { InvalidOptionsError, ProdbenchSdkError, RejectedStateError } from './errors.js'
export type { HttpMiddlewareOptions } from './http/http-metrics.js'
export { HTTP_SERVER_DURATION } from './http/http-metrics.js'
export type { Identity } from './identity.js'
export type { IncidentKind } from './incidents/incident-reporter.js'
export type { DumpFilter } from './logging/flight-recorder.js'
export type { ActiveLogRule, LogStats } from './logging/log-stats.js'
export type { Counter, CounterSeries } from './metrics/counter.js'
export type { Gauge, GaugeSeries } from './metrics/gauge.js'
export type { Histogram, StopTimer } from './metrics/histogram.js'
export type { CounterOptions, GaugeOptions, HistogramOptions, MetricInfo } from './metrics/metric-registry.js'
export type { MetricsHandler, PrometheusOptions } from './metrics/prometheus.js'
export { PROMETHEUS_CONTENT_TYPE } from './metrics/prometheus.js'
export { DEFAULT_PROMETHEUS_BUCKETS } from './metrics/prometheus-buckets.js'
export type { BucketFamily } from './metrics/prometheus-names.js'
export { SDK_METRIC_PREFIX } from './metrics/sdk-health.js'
export type { LabelInput, Labels } from './metrics/series.js'
export type { Unit } from './metrics/units.js'
export type { SdkOptions } from './options.js'
export type { QuarantineHook, QuarantineState } from './quarantine/quarantine.js'
export { init, Prodbench } from './sdk.js'
export type { LevelProvenance, SdkStatus } from './status.js'
export { SDK_VERSION } from './version.js'
export type { CheckHandle } from './workbench.js'
export { AssertionFailedError } from './workbench.js'
