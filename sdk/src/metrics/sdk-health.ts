import type { CounterSeries } from './counter.js'
import type { MetricRegistry } from './metric-registry.js'

/** Prefix of the instruments the SDK registers about itself. */
export const SDK_METRIC_PREFIX = 'prodbench.sdk.'

/**
 * The SDK's own health as ordinary instruments, so a capture of
 * `prodbench.sdk.**` streams it like any service metric and `ctl metrics`
 * lists it.
 *
 * Not here yet: records dropped by a log budget or by sampling belong to
 * issue 4 (budgets and sampling), which is not built; their counters come
 * with it rather than as zeros that would look like data.
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
  #reconnectsSeen = 0
  #droppedSeen = 0

  /** Registers the instruments in `registry`; `captures` is read for the `prodbench.sdk.captures` gauge. */
  constructor(registry: MetricRegistry, captures: () => number) {
    const counter = (name: string) => registry.counter(`${SDK_METRIC_PREFIX}${name}`).bind()
    this.rejectedStates = counter('rejected_states')
    this.reconnects = counter('reconnects')
    this.snapshotsDropped = counter('snapshots_dropped')
    this.badMetricValues = counter('bad_metric_values')
    registry.gauge(`${SDK_METRIC_PREFIX}captures`, { read: captures })
  }

  /** Catches the reconnect counter up with the NATS link's running total. */
  syncReconnects(total: number): void {
    if (total > this.#reconnectsSeen) this.reconnects.add(total - this.#reconnectsSeen)
    this.#reconnectsSeen = total
  }

  /** Catches the dropped-snapshot counter up with the telemetry buffer's running total. */
  syncDropped(total: number): void {
    if (total > this.#droppedSeen) this.snapshotsDropped.add(total - this.#droppedSeen)
    this.#droppedSeen = total
  }
}
