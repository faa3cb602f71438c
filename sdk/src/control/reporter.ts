import { type AppliedConfigInput, codecs, type HeartbeatInput } from '@prodbench/proto'
import { subjects } from '../core/index.js'
import type { Identity } from '../identity.js'
import type { MetricInfo } from '../metrics/metric-registry.js'
import type { NatsLink } from './nats-link.js'
import { ackMessage, heartbeatMessage } from './reports.js'
import { TelemetryBuffer } from './telemetry-buffer.js'

/** What the reporter asks the SDK for when it has something to send. */
export interface ReporterSources {
  /**
   * What the instance runs now: all of it for a heartbeat (`full`); for an
   * ack (`changes`), only the loggers whose level changed and the log figures
   * only when the log rules did, since the last report (see ReportedState).
   */
  applied(report: 'full' | 'changes'): AppliedConfigInput
  /**
   * The instance's metrics, for heartbeats: all of them when `full`, else
   * those whose figures changed since the last report (see ReportedState).
   */
  metrics(full: boolean): readonly MetricInfo[]
  /** Called when the telemetry buffer dropped something (its total so far). */
  dropped(total: number): void
  /** Runs `work`, reporting instead of throwing. */
  guard(event: string, work: () => void): void
  /** More heartbeat fields (checks, quarantine). */
  extras?(): Pick<HeartbeatInput, 'checks' | 'quarantine'>
}

/** Every this many timer heartbeats, one carries every metric (see `Heartbeat.metrics_changed_only`). */
export const FULL_HEARTBEAT_EVERY = 12

/**
 * Everything the instance tells the control plane: acks of desired-state
 * revisions, heartbeats (on a timer, on demand, soon after a new logger or
 * metric, and a last one on close), and capture telemetry through a bounded
 * buffer that survives short NATS outages.
 */
export class Reporter {
  readonly #buffer: TelemetryBuffer<{ subject: string; bytes: Uint8Array }>
  readonly #timer: NodeJS.Timeout
  readonly #ackSubject: string
  readonly #heartbeatSubject: string
  #beats = 0
  #soon: NodeJS.Timeout | undefined
  #closed = false

  constructor(
    private readonly identity: Identity,
    private readonly link: NatsLink,
    private readonly sources: ReporterSources,
    private readonly options: { readonly heartbeatIntervalMs: number; readonly bufferSize: number },
  ) {
    this.#buffer = new TelemetryBuffer(options.bufferSize)
    this.#ackSubject = subjects.ack(identity.service, identity.instance)
    this.#heartbeatSubject = subjects.heartbeat(identity.service, identity.instance)
    this.#timer = setInterval(
      () => sources.guard('heartbeat', () => this.heartbeat(++this.#beats % FULL_HEARTBEAT_EVERY === 0)),
      options.heartbeatIntervalMs,
    )
    this.#timer.unref()
  }

  /** Snapshots waiting for NATS, and dropped because the buffer was full. */
  get snapshots(): { buffered: number; dropped: number } {
    return { buffered: this.#buffer.size, dropped: this.#buffer.dropped }
  }

  /** Acks `revision`: applied, or refused with `error`. */
  ack(revision: number, error?: string): void {
    const message = ackMessage(this.identity, revision, this.sources.applied('changes'), Date.now(), error)
    this.link.publish(this.#ackSubject, codecs.ack.encode(message))
  }

  /**
   * Sends a heartbeat now: with every metric when `full` (on connect and on
   * discovery, when a control plane may know nothing of this instance), else
   * with the metrics whose figures changed since the last one.
   */
  heartbeat(full = false): void {
    this.link.publish(this.#heartbeatSubject, this.#beat(false, full))
  }

  /**
   * A new logger or metric is news for `ctl status`: announce it shortly,
   * once for a burst of them (a service makes its loggers at start-up).
   */
  soon(): void {
    if (this.#soon || this.#closed) return
    this.#soon = setTimeout(() => {
      this.#soon = undefined
      this.sources.guard('heartbeat', () => this.heartbeat())
    }, 200)
    this.#soon.unref()
  }

  /** Publishes now, or keeps it in the bounded buffer until NATS is back. */
  telemetry(subject: string, bytes: Uint8Array): void {
    if (this.#buffer.size > 0 || !this.link.publish(subject, bytes)) {
      this.#buffer.push({ subject, bytes })
      this.sources.dropped(this.#buffer.dropped)
    }
    this.flush()
  }

  /** Sends what the buffer holds, oldest first, while the connection takes it. */
  flush(): void {
    this.#buffer.drain((item) => this.link.publish(item.subject, item.bytes))
  }

  /** Stops the timers and returns the last heartbeat (leaving) to send on close. Idempotent. */
  close(): { subject: string; bytes: Uint8Array } {
    this.#closed = true
    clearInterval(this.#timer)
    clearTimeout(this.#soon)
    return { subject: this.#heartbeatSubject, bytes: this.#beat(true, false) }
  }

  #beat(leaving: boolean, full: boolean): Uint8Array {
    const allMetrics = full || leaving
    const beat = heartbeatMessage(
      this.identity,
      this.sources.applied('full'),
      this.options.heartbeatIntervalMs,
      this.link.reconnects,
      Date.now(),
      leaving,
      this.sources.metrics(allMetrics),
      this.#buffer.dropped,
    )
    const message = { ...beat, metricsChangedOnly: !allMetrics }
    return codecs.heartbeat.encode(this.sources.extras ? { ...message, ...this.sources.extras() } : message)
  }
}
