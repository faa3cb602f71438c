import type { HistogramWindowInput } from '@prodbench/proto'
import { subjects } from '@prodbench/sdk/core'
import { UnavailableError } from '../errors.js'
import type { GetHistogramInput, WatchHistogramInput } from '../grpc/requests.js'
import type { NatsLink } from '../nats/index.js'
import type { HistogramLimits } from '../options.js'
import type { InstanceRegistry } from '../registry/index.js'
import type { CaptureDirectory } from './capture-directory.js'
import type { CaptureTracker } from './capture-tracker.js'
import { closedWindowMessage } from './closed-window.js'
import { runsMetricOf } from './expected-instances.js'
import {
  backlog,
  type HistogramAnswer,
  histogramNotFound,
  queryHistogram,
  watchedCapture,
  watchNotFound,
} from './histogram-queries.js'
import { HistogramCounters, type HistogramStats } from './histogram-stats.js'
import type { OpenWindow } from './open-window.js'
import { isRefusal, parseSnapshot } from './snapshot-envelope.js'
import { BoundedStream, type WindowSink } from './watch-stream.js'
import { Watchers } from './watchers.js'
import { WindowLifecycle } from './window-lifecycle.js'
import { instanceViews } from './window-merge.js'
import { WindowStore } from './window-store.js'

/** How often history past its age is dropped. */
export const SWEEP_MS = 10_000

/** Options of {@link HistogramHub}. */
export interface HistogramHubOptions {
  readonly link: NatsLink
  /** The captures in force (shared with the counter/gauge merger; started and closed by the owner). */
  readonly captures: CaptureTracker
  readonly registry: InstanceRegistry
  readonly limits: HistogramLimits
  /**
   * Wall clock, for tests.
   * @default Date.now
   */
  readonly now?: () => number
}

/** A watch call as a hub needs it: where windows go, and whether the client went away. */
export interface WatchCall<T = HistogramWindowInput> extends WindowSink<T> {
  readonly cancelled: boolean
  once(event: 'cancelled' | 'drain', listener: () => void): unknown
}

/**
 * The histogram merger at the edge: takes every snapshot from NATS, merges it
 * into its window, closes windows when every live selected instance reported
 * or at their deadline, keeps the history, and serves GetHistogram and
 * WatchHistogram. Learns the captures from the desired state in KV, whichever
 * replica wrote it. Nothing it receives can throw out of it: bad input is
 * refused and counted (`stats()`).
 */
export class HistogramHub {
  readonly #o: HistogramHubOptions
  readonly #now: () => number
  readonly #directory: CaptureDirectory
  readonly #counters = new HistogramCounters()
  readonly #windows: WindowStore
  readonly #watchers = new Watchers()
  readonly #stops: Array<() => void> = []
  readonly #lifecycle: WindowLifecycle<OpenWindow>
  #sweepTimer: NodeJS.Timeout | undefined
  #closed = false

  constructor(options: HistogramHubOptions) {
    this.#o = options
    this.#now = options.now ?? Date.now
    this.#windows = new WindowStore(options.limits, this.#counters)
    this.#directory = options.captures.directory
    this.#lifecycle = new WindowLifecycle<OpenWindow>({
      registry: options.registry,
      directory: this.#directory,
      store: this.#windows,
      now: this.#now,
      runs: (window) => runsMetricOf(window.metric),
      close: (window, missing, now) => this.#watchers.deliver(this.#windows.close(window, missing, now)),
      endWatchers: (captureId) => this.#watchers.endCapture(captureId),
    })
  }

  /** Subscribes to `pb.v1.hist.>`, follows the captures and the registry. */
  start(): void {
    const { link, registry, captures } = this.#o
    this.#stops.push(link.subscribe(subjects.allHistograms, (data, subject) => this.#ingest(data, subject)))
    this.#stops.push(captures.onEnded((capture) => this.#lifecycle.endCapture(capture)))
    // An instance that leaves (or answers) may be the last one a window waits for.
    this.#stops.push(
      registry.onChange((service, instance) => {
        if (!this.#closed) this.#lifecycle.instanceChanged(service, instance)
      }),
    )
    this.#sweepTimer = setInterval(() => this.#windows.sweep(this.#now()), SWEEP_MS)
    this.#sweepTimer.unref()
  }

  /** Counters and gauges of the merger. */
  stats(): HistogramStats {
    return this.#counters.snapshot({
      captures: this.#directory.size,
      ...this.#windows.gauges(),
      watchers: this.#watchers.size,
    })
  }

  /**
   * GetHistogram: the merged view of the last `windows` closed windows.
   * @throws {NotFoundError} naming the service and metric when nothing was captured
   */
  async get(input: GetHistogramInput): Promise<HistogramAnswer> {
    let answer = queryHistogram(this.#directory, this.#windows, input)
    if (!answer) {
      await this.#o.captures.refresh(input.service)
      answer = queryHistogram(this.#directory, this.#windows, input)
    }
    if (!answer) throw histogramNotFound(this.#directory, input)
    return answer
  }

  /**
   * WatchHistogram: sends up to `backlog` kept windows (at most the stream
   * queue), then each window of the capture as it closes, and ends the call
   * with OK when the capture ends. The client cancelling unregisters it.
   * @throws {NotFoundError} when no active capture covers the metric
   */
  async watch(input: WatchHistogramInput, call: WatchCall): Promise<void> {
    let capture = watchedCapture(this.#directory, input)
    if (!capture) {
      await this.#o.captures.refresh(input.service)
      capture = watchedCapture(this.#directory, input)
    }
    if (!capture) throw watchNotFound(input)
    if (this.#closed) throw new UnavailableError('the control plane is shutting down')
    if (call.cancelled) return

    const queue = this.#o.limits.streamQueue
    const recent = backlog(this.#windows, capture, input.metric, Math.min(input.backlog, queue))
    const messages = recent.flatMap((w) => [closedWindowMessage(w), ...(input.perInstance ? instanceViews([w]) : [])])
    const stream = new BoundedStream<HistogramWindowInput>(
      call,
      Math.max(queue, messages.length),
      () => this.#counters.streamDrops++,
    )
    // Registered and backlog queued in the same tick: no window can fall between them.
    const unregister = this.#watchers.add(capture.id, input.metric, input.perInstance, stream)
    call.once('cancelled', () => {
      unregister()
      stream.discard()
    })
    for (const message of messages) stream.push(message)
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
    const snapshot = parseSnapshot(data, subject)
    if (isRefusal(snapshot)) {
      this.#counters.reject(snapshot.reason, snapshot.detail)
      return
    }
    const capture =
      this.#directory.get(snapshot.captureId) ?? this.#windows.series(snapshot.captureId, snapshot.metric)?.capture
    if (!capture || capture.service !== snapshot.service) {
      this.#o.captures.refreshSoon(snapshot.service)
      this.#counters.reject('unknown-capture', `no capture ${snapshot.captureId} in ${snapshot.service}`)
      return
    }
    const now = this.#now()
    const window = this.#windows.add(capture, snapshot, now)
    if (window) this.#lifecycle.reported(window, snapshot.instance, now)
  }
}
