import type { CounterSeries } from './counter.js'
import type { MetricRegistry } from './metric-registry.js'

/** Prefix of the instruments the SDK registers about itself. */
export const SDK_METRIC_PREFIX = 'prodbench.sdk.'

/**
 * The SDK's own health as ordinary instruments, so a capture of
 * `prodbench.sdk.**` streams it like any service metric and `ctl metrics`
 * lists it.
 */
export class SdkHealth {
  /** Desired states refused (undecodable or invalid). */
  readonly rejectedStates: CounterSeries
  /** NATS reconnections since start. */
  readonly reconnects: CounterSeries
  /** Capture snapshots dropped because the telemetry buffer was full. */
  readonly snapshotsDropped: CounterSeries
  /** Metric values refused: negative counter adds, non-finite sets, gauge callbacks that threw. */
  readonly badMetricValues: CounterSeries
  /** Log records dropped over the log budget. */
  readonly logsDropped: CounterSeries
  /** Log records left out by sampling. */
  readonly logsSampledOut: CounterSeries
  /** Tail records over a tail's rate. */
  readonly tailDropped: CounterSeries
  /** Control requests refused (a malformed dump request, say). */
  readonly badRequests: CounterSeries
  #reconnectsSeen = 0
  #droppedSeen = 0
  readonly #logsSeen = { dropped: 0, sampledOut: 0, tail: 0 }

  /** Registers the instruments in `registry`; `captures` is read for the `prodbench.sdk.captures` gauge. */
  constructor(registry: MetricRegistry, captures: () => number) {
    const counter = (name: string) => registry.counter(`${SDK_METRIC_PREFIX}${name}`).bind()
    this.rejectedStates = counter('rejected_states')
    this.reconnects = counter('reconnects')
    this.snapshotsDropped = counter('snapshots_dropped')
    this.badMetricValues = counter('bad_metric_values')
    this.logsDropped = counter('logs_dropped')
    this.logsSampledOut = counter('logs_sampled_out')
    this.tailDropped = counter('tail_dropped')
    this.badRequests = counter('bad_requests')
    registry.gauge(`${SDK_METRIC_PREFIX}captures`, { read: captures })
  }

  /** Catches the reconnect counter up with the NATS link's running total. */
  syncReconnects(total: number): void {
    if (total > this.#reconnectsSeen) this.reconnects.add(total - this.#reconnectsSeen)
    this.#reconnectsSeen = total
  }

  /** Catches the log counters up with the log engine's running totals. */
  syncLogs(totals: { dropped: number; sampledOut: number; tail: number }): void {
    const seen = this.#logsSeen
    if (totals.dropped > seen.dropped) this.logsDropped.add(totals.dropped - seen.dropped)
    if (totals.sampledOut > seen.sampledOut) this.logsSampledOut.add(totals.sampledOut - seen.sampledOut)
    if (totals.tail > seen.tail) this.tailDropped.add(totals.tail - seen.tail)
    Object.assign(seen, totals)
  }

  /** Catches the dropped-snapshot counter up with the telemetry buffer's running total. */
  syncDropped(total: number): void {
    if (total > this.#droppedSeen) this.snapshotsDropped.add(total - this.#droppedSeen)
    this.#droppedSeen = total
  }
}
