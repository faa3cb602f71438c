import type { IncomingMessage, ServerResponse } from 'node:http'
import { codecs } from '@prodbench/proto'
import type { Logger } from 'pino'
import { CaptureRunner } from './control/capture-runner.js'
import { NatsLink } from './control/nats-link.js'
import { Reporter } from './control/reporter.js'
import { appliedConfig } from './control/reports.js'
import { StateFollower } from './control/state-follower.js'
import { type Level, resolve, subjects } from './core/index.js'
import { type Diagnostic, report } from './diagnostics.js'
import { expressRoute, HttpMetrics, type HttpMiddlewareOptions } from './http/http-metrics.js'
import { RouteSet } from './http/route-names.js'
import { type Identity, makeIdentity } from './identity.js'
import { LoggerRegistry } from './logging/logger-registry.js'
import type { Counter } from './metrics/counter.js'
import type { Gauge } from './metrics/gauge.js'
import type { Histogram } from './metrics/histogram.js'
import {
  type CounterOptions,
  type GaugeOptions,
  type HistogramOptions,
  MetricRegistry,
} from './metrics/metric-registry.js'
import { SdkHealth } from './metrics/sdk-health.js'
import { parseOptions, type ResolvedOptions, type SdkOptions } from './options.js'
import { type SdkStatus, statusOf } from './status.js'

/**
 * One embedded prodbench instance: named pino loggers whose levels follow the
 * service's desired state. Made by {@link init}.
 */
export class Prodbench {
  /** This instance's identity. */
  readonly identity: Identity
  readonly #options: ResolvedOptions
  readonly #loggers: LoggerRegistry
  readonly #follower: StateFollower
  readonly #metrics: MetricRegistry
  readonly #health: SdkHealth
  /** Routes seen by every HTTP wrapper of this instance: one bound for all. */
  readonly #routes = new RouteSet()
  readonly #captures: CaptureRunner
  readonly #link: NatsLink | undefined
  #reporter: Reporter | undefined
  readonly #ready: Promise<void>
  #markReady: () => void = () => {}
  #closing: Promise<void> | undefined
  #selfLog: Logger | undefined

  /** @internal use {@link init} */
  constructor(options: SdkOptions) {
    const o = parseOptions(options)
    this.#options = o
    const now = Date.now()
    this.identity = makeIdentity(o.service, o.instance, now)
    this.#loggers = new LoggerRegistry({
      pino: o.pino,
      destination: o.destination,
      level: o.level,
      levels: o.levels,
      config: resolve(undefined, this.identity, now),
    })
    this.#metrics = new MetricRegistry({
      bad: (_metric, why, error) => {
        this.#health?.badMetricValues.add()
        if (why) this.#diagnose('metric-value', why, error)
      },
      overflow: (metric, maxSeries) =>
        this.#diagnose(
          'metric-overflow',
          `metric "${metric}" reached its limit of ${maxSeries} label sets; new label sets go to the series {overflow="true"}`,
        ),
    })
    this.#captures = new CaptureRunner({
      service: o.service,
      instance: o.instance,
      registry: this.#metrics,
      maxCaptures: o.maxCaptures,
      publish: (captureId, snapshot) =>
        this.#reporter?.telemetry(
          subjects.histogram(o.service, captureId, o.instance),
          codecs.histogramSnapshot.encode(snapshot),
        ),
      publishScalars: (captureId, snapshot) =>
        this.#reporter?.telemetry(
          subjects.scalars(o.service, captureId, o.instance),
          codecs.scalarSnapshot.encode(snapshot),
        ),
      report: (event, error) => this.#diagnose(event, errorText(error), error),
    })
    this.#health = new SdkHealth(this.#metrics, () => this.#captures.active)
    this.#follower = new StateFollower(this.identity, (config) => {
      this.#loggers.apply(config)
      this.#captures.update(config)
    })
    // After a local change (a rule expired), tell the control plane what runs now.
    this.#follower.onExpiry = (config) => {
      this.#reporter?.ack(config.revision)
      this.#reporter?.heartbeat()
    }
    this.#ready = new Promise<void>((resolve) => {
      this.#markReady = resolve
    })
    if (!o.nats) {
      this.#markReady()
      return
    }
    const startup = setTimeout(() => this.#markReady(), o.startupTimeoutMs)
    startup.unref()
    this.#link = new NatsLink(
      {
        connection: o.nats,
        service: o.service,
        instance: o.instance,
        reconnectTimeWaitMs: o.reconnectTimeWaitMs,
        resyncIntervalMs: o.resyncIntervalMs,
      },
      {
        state: (value, revision, authoritative) =>
          this.#guard('state', () => this.#onState(value, revision, authoritative)),
        connected: () =>
          this.#guard('connected', () => {
            this.#health.syncReconnects(this.#link?.reconnects ?? 0)
            this.#reporter?.heartbeat()
            this.#reporter?.flush()
          }),
        synced: () => {
          if (this.#follower.synced) this.#markReady()
        },
        discover: () => this.#guard('discover', () => this.#reporter?.heartbeat()),
        problem: (event, error) => this.#diagnose(event, errorText(error), error),
      },
    )
    this.#reporter = new Reporter(
      this.identity,
      this.#link,
      {
        applied: () =>
          appliedConfig(
            this.#follower.config,
            this.#loggers.levels(),
            this.#follower.rejections,
            this.#captures.reports(),
          ),
        metrics: () => this.#metrics.list(),
        dropped: (total) => this.#health.syncDropped(total),
        guard: (event, work) => this.#guard(event, work),
      },
      { heartbeatIntervalMs: o.heartbeatIntervalMs, bufferSize: o.telemetryBufferSize },
    )
    this.#link.start()
  }

  /** Service name. */
  get service(): string {
    return this.identity.service
  }

  /** Instance id. */
  get instance(): string {
    return this.identity.instance
  }

  /**
   * The pino logger named `name` (dotted: `db`, `db.pool`); the root logger
   * when omitted. The same name gives the same logger. `level` sets the code's
   * default for this logger and its descendants; rules still override it.
   */
  logger(name?: string, options?: { level?: Level }): Logger {
    const known = this.#loggers.size
    const logger = this.#loggers.get(name ?? '', options?.level, (why) => this.#diagnose('logger-name', why))
    if (this.#loggers.size !== known) this.#reporter?.soon()
    return logger
  }

  /**
   * The histogram named `name` (dotted: `http.server.duration`), created on
   * first use and recording locally from then on; a capture rule streams it.
   * The same name gives the same histogram. Never throws: a bad name or option
   * is made valid and reported through diagnostics.
   */
  histogram(name: string, options?: HistogramOptions): Histogram {
    const known = this.#metrics.version
    const histogram = this.#metrics.histogram(name, options, (why) => this.#diagnose('metric', why))
    if (this.#metrics.version !== known) this.#reporter?.soon()
    return histogram
  }

  /**
   * The counter named `name` (dotted: `orders.placed`), created on first use
   * and counting locally from then on; a capture rule streams its deltas.
   * Shares one namespace with histograms and gauges. Never throws: a bad name
   * or option is made valid and reported through diagnostics.
   *
   * ```ts
   * const placed = pb.counter('orders.placed', { labels: ['route', 'status'] })
   * placed.add(1, { route: '/pay', status: '201' })
   * ```
   */
  counter(name: string, options?: CounterOptions): Counter {
    const known = this.#metrics.version
    const counter = this.#metrics.counter(name, options, (why) => this.#diagnose('metric', why))
    if (this.#metrics.version !== known) this.#reporter?.soon()
    return counter
  }

  /**
   * The gauge named `name` (dotted: `queue.depth`), created on first use: set
   * it, or give `read` and it is read when a capture window ends and for
   * heartbeats. Shares one namespace with histograms and counters. Never throws.
   *
   * ```ts
   * pb.gauge('process.heap', { unit: 'bytes', read: () => process.memoryUsage().heapUsed })
   * ```
   */
  gauge(name: string, options?: GaugeOptions): Gauge {
    const known = this.#metrics.version
    const gauge = this.#metrics.gauge(name, options, (why) => this.#diagnose('metric', why))
    if (this.#metrics.version !== known) this.#reporter?.soon()
    return gauge
  }

  /**
   * Wraps a node:http request listener: each request runs in a request
   * context and its duration is recorded in `http.server.duration` and
   * `http.server.duration.<route>.<status class>` (µs).
   *
   * ```ts
   * http.createServer(pb.httpHandler((req, res) => { ... }, { route: myRouter.match }))
   * ```
   */
  httpHandler<Req extends IncomingMessage, Res extends ServerResponse>(
    listener: (req: Req, res: Res) => void,
    options?: HttpMiddlewareOptions,
  ): (req: Req, res: Res) => void {
    const metrics = new HttpMetrics((name, o) => this.histogram(name, o), options, this.#routes)
    return (req, res) => metrics.track(req, res, () => listener(req, res))
  }

  /**
   * Express (or Connect) middleware doing what {@link httpHandler} does; the
   * route is Express's matched route (`req.baseUrl + req.route.path`).
   *
   * ```ts
   * app.use(pb.expressMiddleware())
   * ```
   */
  expressMiddleware(
    options?: HttpMiddlewareOptions,
  ): (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void {
    const route = options?.route ?? expressRoute
    const metrics = new HttpMetrics((name, o) => this.histogram(name, o), { route }, this.#routes)
    return (req, res, next) => metrics.track(req, res, () => next())
  }

  /**
   * Resolves once the current desired state was read and applied, or after
   * `startupTimeoutMs` when NATS cannot be reached. Never rejects: await it
   * before serving so a rule that exists applies from the first request.
   */
  ready(): Promise<void> {
    return this.#ready
  }

  /** What this instance runs now and why. */
  status(): SdkStatus {
    return statusOf({
      identity: this.identity,
      connection: this.#link ? this.#link.state : 'local',
      follower: this.#follower,
      levels: this.#loggers.levels(),
      reconnects: this.#link?.reconnects ?? 0,
      captures: this.#captures.reports(),
      metrics: this.#metrics.list(),
      snapshots: this.#reporter?.snapshots ?? { buffered: 0, dropped: 0 },
    })
  }

  /** Stops timers, says goodbye to the control plane and closes NATS. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#follower.close()
      this.#captures.close()
      this.#markReady()
      const bye = this.#reporter?.close()
      if (this.#link) await this.#link.close(bye).catch((err) => this.#diagnose('close', errorText(err), err))
    })()
    return this.#closing
  }

  #onState(value: Uint8Array | null, revision: number, authoritative: boolean): void {
    if (!authoritative && revision <= this.#follower.revision && this.#follower.synced) return
    const outcome = this.#follower.offer(value, revision)
    if (outcome.kind === 'unchanged') return
    if (outcome.kind === 'rejected') {
      this.#health.rejectedStates.add()
      this.#diagnose('rejected-state', outcome.error.message, outcome.error)
      this.#reporter?.ack(revision, outcome.error.message)
      return
    }
    this.#reporter?.ack(revision)
  }

  #guard(event: string, work: () => void): void {
    try {
      work()
    } catch (err) {
      this.#diagnose(event, errorText(err), err)
    }
  }

  #diagnose(event: string, message: string, error?: unknown): void {
    const diagnostic: Diagnostic = {
      service: this.identity.service,
      instance: this.identity.instance,
      event,
      message,
      error,
    }
    report(this.#options.onDiagnostic, diagnostic)
    try {
      this.#selfLog ??= this.#loggers.get('prodbench')
      this.#selfLog.warn({ event }, `prodbench: ${message}`)
    } catch {
      // the host's destination failing must not come back through us
    }
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * Starts prodbench in a service. Returns at once: NATS is joined in the
 * background and `ready()` says when the current desired state is applied.
 * @throws {InvalidOptionsError} when an option is invalid (the only throw)
 */
export function init(options: SdkOptions): Prodbench {
  return new Prodbench(options)
}
