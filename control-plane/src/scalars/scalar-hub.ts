import type { ScalarWindowInput } from '@prodbench/proto'
import { subjects } from '@prodbench/sdk/core'
import { UnavailableError } from '../errors.js'
import type { WatchMetricsInput } from '../grpc/requests.js'
import {
  BoundedStream,
  type CaptureInfo,
  type CaptureTracker,
  SWEEP_MS,
  type WatchCall,
  type Watcher,
  WatcherRegistry,
  WindowLifecycle,
} from '../histograms/index.js'
import type { NatsLink } from '../nats/index.js'
import type { ScalarLimits } from '../options.js'
import type { InstanceRecord, InstanceRegistry } from '../registry/index.js'
import { isScalarRefusal, parseScalarSnapshot } from './scalar-envelope.js'
import { filterWindow, metricsWatchNotFound, watchedScalarCapture } from './scalar-queries.js'
import { ScalarCounters, type ScalarStats } from './scalar-stats.js'
import { ScalarStore } from './scalar-store.js'
import type { ClosedScalarWindow, OpenScalarWindow } from './scalar-window.js'

/** Options of {@link ScalarHub}. */
export interface ScalarHubOptions {
  readonly link: NatsLink
  /** The captures in force (shared with the histogram merger; started and closed by the owner). */
  readonly captures: CaptureTracker
  readonly registry: InstanceRegistry
  readonly limits: ScalarLimits
  /**
   * Wall clock, for tests.
   * @default Date.now
   */
  readonly now?: () => number
}

/** One WatchMetrics stream: its capture and the metric pattern it filters by. */
interface MetricsWatcher extends Watcher<ScalarWindowInput> {
  readonly metric: string | undefined
}

/**
 * The counter/gauge merger at the edge: takes every ScalarSnapshot from NATS,
 * folds it into its (capture, end_ms) window, closes windows when every
 * expected live instance reported or at their deadline, keeps the history,
 * and serves WatchMetrics. Captures, expected instances, deadlines and watch
 * queues work as for histograms (the same pieces). Nothing it receives can
 * throw out of it: bad input is refused and counted (`stats()`).
 */
export class ScalarHub {
  readonly #o: ScalarHubOptions
  readonly #now: () => number
  readonly #counters = new ScalarCounters()
  readonly #store: ScalarStore
  readonly #watchers = new WatcherRegistry<ScalarWindowInput, MetricsWatcher>()
  readonly #lifecycle: WindowLifecycle<OpenScalarWindow>
  readonly #stops: Array<() => void> = []
  #sweepTimer: NodeJS.Timeout | undefined
  #closed = false

  constructor(options: ScalarHubOptions) {
    this.#o = options
    this.#now = options.now ?? Date.now
    this.#store = new ScalarStore(options.limits, this.#counters)
    this.#lifecycle = new WindowLifecycle<OpenScalarWindow>({
      registry: options.registry,
      directory: options.captures.directory,
      store: this.#store,
      now: this.#now,
      runs: () => runsScalars,
      close: (window, missing, now) => this.#deliver(this.#store.close(window, missing, now), window.capture),
      endWatchers: (captureId) => this.#watchers.endCapture(captureId),
    })
  }

  /** Subscribes to `pb.v1.scalars.>`, follows the captures and the registry. */
  start(): void {
    const { link, registry, captures } = this.#o
    this.#stops.push(link.subscribe(subjects.allScalars, (data, subject) => this.#ingest(data, subject)))
    this.#stops.push(captures.onEnded((capture) => this.#lifecycle.endCapture(capture)))
    // An instance that leaves (or answers) may be the last one a window waits for.
    this.#stops.push(
      registry.onChange((service, instance) => {
        if (!this.#closed) this.#lifecycle.instanceChanged(service, instance)
      }),
    )
    this.#sweepTimer = setInterval(() => this.#store.sweep(this.#now()), SWEEP_MS)
    this.#sweepTimer.unref()
  }

  /** Counters and gauges of the merger. */
  stats(): ScalarStats {
    return this.#counters.snapshot({ ...this.#store.gauges(), watchers: this.#watchers.size })
  }

  /**
   * WatchMetrics: sends up to `backlog` kept windows (at most the stream
   * queue), then each window of the capture as it closes, filtered by the
   * metric pattern, and ends the call with OK when the capture ends.
   * @throws {NotFoundError} when no active capture fits, with how to start one
   */
  async watch(input: WatchMetricsInput, call: WatchCall<ScalarWindowInput>): Promise<void> {
    const hasWindows = (id: string) => this.#store.capture(id) !== undefined
    const { captures } = this.#o
    let capture = watchedScalarCapture(captures.directory, input, hasWindows)
    if (!capture) {
      await captures.refresh(input.service)
      capture = watchedScalarCapture(captures.directory, input, hasWindows)
    }
    if (!capture) throw metricsWatchNotFound(input)
    if (this.#closed) throw new UnavailableError('the control plane is shutting down')
    if (call.cancelled) return

    const queue = this.#o.limits.streamQueue
    const recent = this.#store.recent(capture.id, Math.min(input.backlog, queue))
    const stream = new BoundedStream<ScalarWindowInput>(call, queue, () => this.#counters.streamDrops++)
    // Registered and backlog queued in the same tick: no window can fall between them.
    const unregister = this.#watchers.add(capture.id, { captureId: capture.id, metric: input.metric, stream })
    call.once('cancelled', () => {
      unregister()
      stream.discard()
    })
    for (const window of recent) stream.push(filterWindow(window.message, input.metric))
  }

  /** Stops everything; open watch streams end with UNAVAILABLE. Idempotent. */
  close(): void {
    if (this.#closed) return
    this.#closed = true
    for (const stop of this.#stops.splice(0)) stop()
    this.#lifecycle.close()
    clearInterval(this.#sweepTimer)
    const closing = new UnavailableError('the control plane is shutting down; watch again')
    for (const stream of this.#watchers.drain()) stream.fail(closing)
  }

  #ingest(data: Uint8Array, subject: string): void {
    if (this.#closed) return
    const snapshot = parseScalarSnapshot(data, subject)
    if (isScalarRefusal(snapshot)) {
      this.#counters.reject(snapshot.reason, snapshot.detail)
      return
    }
    const { captures } = this.#o
    const capture = captures.directory.get(snapshot.captureId) ?? this.#store.capture(snapshot.captureId)
    if (!capture || capture.service !== snapshot.service) {
      captures.refreshSoon(snapshot.service)
      this.#counters.reject('unknown-capture', `no capture ${snapshot.captureId} in ${snapshot.service}`)
      return
    }
    const now = this.#now()
    const window = this.#store.add(capture, snapshot, now)
    if (window) this.#lifecycle.reported(window, snapshot.instance, now)
  }

  #deliver(closed: ClosedScalarWindow, capture: CaptureInfo): void {
    for (const watcher of this.#watchers.of(capture.id) ?? []) {
      watcher.stream.push(filterWindow(closed.message, watcher.metric))
    }
  }
}

/**
 * Whether an instance running the capture has a counter or gauge among the
 * metrics it runs, by the kinds its heartbeat lists. A name whose kind it has
 * not listed yet counts as one: better to wait for it than to close without it.
 */
function runsScalars(active: { metrics?: string[] }, record: InstanceRecord): boolean {
  const running = active.metrics ?? []
  if (running.length === 0) return false
  const kinds = new Map(record.metrics.map((m) => [m.name ?? '', m.kind ?? '']))
  return running.some((name) => {
    const kind = kinds.get(name)
    return kind === undefined || kind === 'counter' || kind === 'gauge'
  })
}
