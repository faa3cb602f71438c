import type { IncomingMessage, ServerResponse } from 'node:http'
import { codecs } from '@prodbench/proto'
import type { Logger } from 'pino'
import type { CheckOptions } from './checks/check-set.js'
import { OtelSpans } from './context/otel.js'
import { type HeaderRecord, Propagation } from './context/propagation.js'
import { currentScope, type RequestContext } from './context/request-context.js'
import { CaptureRunner } from './control/capture-runner.js'
import { NatsLink } from './control/nats-link.js'
import { ReportedState } from './control/reported-state.js'
import { Reporter } from './control/reporter.js'
import { appliedConfig } from './control/reports.js'
import { StateFollower } from './control/state-follower.js'
import { type EffectiveConfig, type Level, resolve, subjects } from './core/index.js'
import { type Diagnostic, report } from './diagnostics.js'
import { expressRoute, HttpMetrics, type HttpMiddlewareOptions } from './http/http-metrics.js'
import { RouteSet } from './http/route-names.js'
import { type Identity, makeIdentity } from './identity.js'
import { IncidentOutbox } from './incidents/incident-outbox.js'
import { answerDump } from './logging/dump-responder.js'
import { type DumpFilter, FlightRecorder } from './logging/flight-recorder.js'
import { LogEngine } from './logging/log-engine.js'
import { type LogStats, logRulesKey, logStats } from './logging/log-stats.js'
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
import { type MetricsHandler, type PrometheusOptions, prometheusHandler } from './metrics/prometheus.js'
import { SdkHealth } from './metrics/sdk-health.js'
import { parseOptions, type ResolvedOptions, type SdkOptions } from './options.js'
import type { QuarantineHook } from './quarantine/quarantine.js'
import { type SdkStatus, statusOf } from './status.js'
import { type CheckHandle, Workbench } from './workbench.js'

/**
 * One embedded prodbench instance: named pino loggers whose levels follow the
 * service's desired state. Made by {@link init}.
 */
export class Prodbench {
  /** This instance's identity. */
  readonly identity: Identity
  readonly #options: ResolvedOptions
  readonly #loggers: LoggerRegistry
  readonly #logs: LogEngine
  readonly #bench: Workbench
  /** Incident reports until the control plane acknowledged them. */
  readonly #outbox = new IncidentOutbox((report) => {
    if (!this.#link) return Promise.reject(new Error('no NATS configured'))
    return this.#link.request(report.subject, report.bytes, 2_000)
  })
  readonly #propagation: Propagation
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
  /** What the control plane last heard, so acks carry only what changed. */
  readonly #reported = new ReportedState()

  /** @internal use {@link init} */
  constructor(options: SdkOptions) {
    const o = parseOptions(options)
    this.#options = o
    const now = Date.now()
    this.identity = makeIdentity(o.service, o.instance, now)
    const otel = o.otel ? new OtelSpans() : undefined
    const recorder = o.flightRecorder ? new FlightRecorder(o.flightRecorder) : undefined
    this.#logs = new LogEngine({
      otel,
      onErrorLog: (error, logger, scope) => this.#bench.errorLogged(error, logger, scope),
      budget: o.budget,
      recorder,
      recordLevel: o.flightRecorder?.level,
      publishTail: (batch) =>
        this.#reporter?.telemetry(
          subjects.tail(o.service, batch.tailId, o.instance),
          codecs.tailBatch.encode({ ...batch, service: o.service, instance: o.instance }),
        ),
      summarise: (drops, limits) => {
        const levels = Object.entries(drops.byLevel)
          .map(([level, n]) => `${level} ${n}`)
          .join(', ')
        this.#selfLogger().warn(
          { event: 'log-budget', dropped: drops, budget: limits },
          `prodbench: log budget exceeded: dropped ${drops.total} records in 1 s (${levels})`,
        )
      },
    })
    this.#propagation = new Propagation(o.propagationKey, this.#logs, otel)
    this.#loggers = new LoggerRegistry({
      pino: o.pino,
      destination: o.destination,
      level: o.level,
      levels: o.levels,
      config: resolve(undefined, this.identity, now),
      engine: this.#logs,
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
      publish: (captureId, snapshot) => {
        this.#bench.window(snapshot)
        this.#reporter?.telemetry(
          subjects.histogram(o.service, captureId, o.instance),
          codecs.histogramSnapshot.encode(snapshot),
        )
      },
      publishScalars: (captureId, snapshot) =>
        this.#reporter?.telemetry(
          subjects.scalars(o.service, captureId, o.instance),
          codecs.scalarSnapshot.encode(snapshot),
        ),
      report: (event, error) => this.#diagnose(event, errorText(error), error),
    })
    this.#health = new SdkHealth(this.#metrics, () => this.#captures.active)
    this.#bench = new Workbench(
      {
        identity: this.identity,
        engine: this.#logs,
        recorder,
        logger: (name) => this.#loggers.get(name),
        histogram: (name) => this.histogram(name, { unit: 'ms' }),
        publishIncident: (bytes, instance) =>
          this.#outbox.push({ subject: subjects.incident(o.service, instance ?? o.instance), bytes }),
        diagnose: (event, message, error) => this.#diagnose(event, message, error),
        // The follower applies the levels right after; tell the control plane now.
        quarantineChanged: () => this.#reporter?.soon(),
      },
      {
        asserts: o.asserts,
        errorLogIncidents: o.incidents.errorLogs,
        crashIncidents: o.incidents.crashes,
        spoolDir: o.incidents.spoolDir,
        autoQuarantine: o.autoQuarantine,
        inspector: o.inspector,
        quarantineRecorder: {
          maxRecords: (o.flightRecorder?.maxRecords ?? 0) * 10,
          maxBytes: (o.flightRecorder?.maxBytes ?? 0) * 10,
          maxRecorded: (o.flightRecorder?.maxRecorded ?? 0) * 10,
          perRequest: (o.flightRecorder?.perRequest ?? 0) * 2,
        },
      },
    )
    this.#follower = new StateFollower(this.identity, (config) => {
      this.#bench.update(config)
      this.#loggers.apply(this.#withQuarantine(config))
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
            // A control plane may have started, or forgotten us, meanwhile: tell it everything.
            this.#reporter?.heartbeat(true)
            this.#bench.sendSpooled()
            this.#outbox.kick()
            this.#reporter?.flush()
          }),
        synced: () => {
          if (this.#follower.synced) this.#markReady()
        },
        // A control plane just (re)subscribed: what was flushed at reconnect may
        // have reached no one yet, so announce, and send what still waits.
        discover: () =>
          this.#guard('discover', () => {
            this.#reporter?.heartbeat(true)
            this.#reporter?.flush()
            this.#outbox.kick()
          }),
        dump: (request) => {
          const { reply, error } = answerDump(this.#logs, this.identity, request)
          if (error !== undefined) {
            this.#health.badRequests.add()
            this.#diagnose('dump-request', `dump request refused: ${error}`)
          }
          return reply
        },
        check: (request) => this.#bench.checks.answer(this.identity, request),
        inspect: (request) => this.#bench.inspector.answer(this.identity, request),
        problem: (event, error) => this.#diagnose(event, errorText(error), error),
      },
    )
    this.#reporter = new Reporter(
      this.identity,
      this.#link,
      {
        applied: (report) => {
          const config = this.#follower.config
          const full = report === 'full'
          return appliedConfig(
            config,
            this.#reported.levels(this.#loggers.levels(), full),
            this.#follower.rejections,
            this.#captures.reports(),
            this.#reported.logRules(logRulesKey(config), full) ? this.#logStats() : undefined,
          )
        },
        metrics: (full) => this.#reported.metrics(this.#metrics.list(), full),
        dropped: (total) => this.#health.syncDropped(total),
        guard: (event, work) => this.#guard(event, work),
        extras: () => this.#bench.heartbeat(),
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
   * Puts an existing pino logger under live control as logger `name` (dotted,
   * like {@link logger}) and returns it: its level follows the rules from now
   * on; its destination, serializers, redaction and transports stay as they
   * are, and the children it makes follow it. Its current level becomes the
   * code's default for `name`. Never throws.
   *
   * ```ts
   * const app = Fastify({ loggerInstance: pb.adopt(pino(), 'http') })
   * ```
   */
  adopt<L extends Logger>(logger: L, name: string): L {
    const known = this.#loggers.size
    try {
      this.#loggers.adopt(logger, name, (why) => this.#diagnose('logger-name', why))
    } catch (err) {
      this.#diagnose('adopt', errorText(err), err)
    }
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
    const metrics = new HttpMetrics((name, o) => this.histogram(name, o), this.#scopes, options, this.#routes)
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
    const metrics = new HttpMetrics((name, o) => this.histogram(name, o), this.#scopes, { route }, this.#routes)
    return (req, res, next) => metrics.track(req, res, () => next())
  }

  /**
   * Adds attributes to the current request's context (`user`, `tenant`,
   * ...), so rules with `where` can target it: decided once here, not per
   * log call. Returns false outside a request (nothing to attach them to).
   *
   * ```ts
   * pb.setContext({ user: session.userId, tenant: session.tenant })
   * ```
   */
  setContext(attributes: Readonly<Record<string, string | number | boolean | undefined | null>>): boolean {
    const scope = currentScope()
    if (!scope) return false
    try {
      scope.set(attributes)
    } catch (err) {
      this.#diagnose('set-context', errorText(err), err)
    }
    return true
  }

  /** The current request's context, or undefined outside a request. */
  context(): RequestContext | undefined {
    return currentScope()?.context
  }

  /**
   * `headers` plus W3C `baggage` carrying this request's level decision
   * (signed with `propagationKey`) and its `traceparent`: pass them on calls
   * to services that embed prodbench, so they log this request the same way.
   *
   * ```ts
   * http.request(url, { headers: pb.propagationHeaders({ accept: 'application/json' }) })
   * ```
   */
  propagationHeaders(headers?: HeaderRecord): HeaderRecord {
    return this.#propagation.headers(headers)
  }

  /** `fetch` that adds {@link propagationHeaders} to the request. */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    return this.#propagation.fetch(input, init)
  }

  /**
   * The flight recorder's records, oldest first, as JSON lines: what was
   * written and what was kept below the effective level (serialised now).
   */
  flightRecords(filter: Partial<DumpFilter> = {}): string[] {
    return this.#logs.dump({ last: 500, ...filter })
  }

  /**
   * Checks an invariant. When `condition` is falsy: logs at error with
   * `context`, counts the failure per message, opens (or adds to) an
   * incident carrying the request's flight-recorder records, and returns
   * false — or throws when `asserts: 'throw'` (tests). Never throws otherwise.
   *
   * ```ts
   * pb.assert(total >= 0, 'cart total is not negative', { cartId, total })
   * ```
   */
  assert(condition: unknown, message: string, context?: Record<string, unknown>): boolean {
    return this.#bench.assert(condition, message, context)
  }

  /**
   * Registers a sanity check run every `every` (default 1 min) with a
   * `timeout` (default 5 s); it never overlaps itself. Results go into
   * heartbeats (`ctl checks`), durations into `prodbench.checks.<name>.duration`
   * (ms), and a failure opens an incident. `ctl check run` runs it now;
   * a check rule changes its interval or pauses it live. A function that
   * throws, rejects or returns false fails.
   * @throws {TypeError} for a bad name or option (at registration only)
   */
  check(name: string, fn: () => unknown, options?: CheckOptions): CheckHandle {
    return this.#bench.check(name, fn, options)
  }

  /**
   * Opens (or adds to) an incident for `error` by hand, with the current
   * request's records. Returns its fingerprint.
   */
  reportIncident(error: unknown, title?: string): string | undefined {
    try {
      return this.#bench.incidents.open({ kind: 'manual', error, scope: currentScope(), ...(title ? { title } : {}) })
    } catch (err) {
      this.#diagnose('incident', errorText(err), err)
      return undefined
    }
  }

  /**
   * A readiness endpoint for load balancers and Kubernetes: 200 while in
   * traffic, 503 while quarantined (or while `ready()` returns false).
   *
   * ```ts
   * app.get('/ready', pb.readinessHandler())
   * ```
   */
  readinessHandler(ready?: () => boolean): (req: IncomingMessage, res: ServerResponse) => void {
    return this.#bench.readinessHandler(ready)
  }

  /** Runs `hook` when this instance is quarantined (stop consuming queues, close pools); returns an unsubscribe. */
  onQuarantine(hook: QuarantineHook): () => void {
    return this.#bench.onQuarantine(hook)
  }

  /** Runs `hook` when this instance is released from quarantine; returns an unsubscribe. */
  onRelease(hook: QuarantineHook): () => void {
    return this.#bench.onRelease(hook)
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
      logs: this.#logStats(),
      quarantine: this.#bench.quarantine.state,
      checks: this.#bench.checks.infos(),
      asserts: Object.fromEntries(this.#bench.assertCounts),
      incidents: {
        sent: this.#bench.incidents.sent,
        pending: this.#outbox.pending,
        delivered: this.#outbox.delivered,
        dropped: this.#outbox.dropped,
        suppressed: this.#bench.incidents.suppressed,
      },
    })
  }

  /** Stops timers, says goodbye to the control plane and closes NATS. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#follower.close()
      this.#captures.close()
      this.#logs.close()
      this.#bench.close()
      await this.#outbox.drain(1_000)
      this.#outbox.close()
      this.#markReady()
      const bye = this.#reporter?.close()
      if (this.#link) await this.#link.close(bye).catch((err) => this.#diagnose('close', errorText(err), err))
    })()
    return this.#closing
  }

  /**
   * A node:http request listener serving every histogram, counter and gauge
   * of this instance (the SDK's own `prodbench.sdk.*` ones included) in the
   * Prometheus text format; histogram buckets are cut from the HDR data at
   * scrape time (docs/integrations/prometheus.md). Never throws.
   *
   * ```ts
   * app.get('/metrics', pb.metricsHandler())
   * ```
   */
  metricsHandler(options?: PrometheusOptions): MetricsHandler {
    return prometheusHandler(this.#metrics, options, (why, error) => this.#diagnose('prometheus', why, error))
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

  readonly #scopes = (req: IncomingMessage, route: string) => this.#propagation.scopeFor(req, route)

  /** While quarantined, every logger is at debug at least (explicit rules still win). */
  #withQuarantine(config: EffectiveConfig): EffectiveConfig {
    const rule = config.quarantine
    if (!rule || !this.#bench?.quarantine.state.active) return config
    return {
      ...config,
      rules: [
        ...config.rules,
        { ...rule, quarantine: undefined, level: 'debug', selector: { service: rule.selector.service } },
      ],
    }
  }

  #logStats(): LogStats {
    const stats = logStats(this.#logs, this.#follower.config)
    this.#health.syncLogs({
      dropped: this.#logs.budget.dropped.total,
      sampledOut: this.#logs.sampler.sampledOut.total,
      tail: stats.tailDropped,
    })
    return stats
  }

  #selfLogger(): Logger {
    this.#selfLog ??= this.#loggers.get('prodbench')
    return this.#selfLog
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
      this.#selfLogger().warn({ event }, `prodbench: ${message}`)
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
