import type { InstanceRecord, InstanceRegistry } from '../registry/index.js'
import type { CaptureDirectory, CaptureInfo } from './capture-directory.js'
import { DeadlineTimer } from './deadline-timer.js'
import { type ActiveCapture, expectedBy, WindowWaiting } from './expected-instances.js'

/** What the lifecycle needs of an open window (histogram or counter/gauge). */
export interface LifecycleWindow {
  readonly capture: CaptureInfo
  /** When it closes even with instances missing. */
  readonly deadline: number
  has(instance: string): boolean
}

/** What the lifecycle needs of the store keeping the windows. */
export interface LifecycleStore<W> {
  openWindows(service?: string): Iterable<W>
  nextDeadline(): number | undefined
  endCapture(captureId: string): void
  hasOpen(captureId: string): boolean
}

/** Options of {@link WindowLifecycle}. */
export interface WindowLifecycleOptions<W> {
  readonly registry: InstanceRegistry
  readonly directory: CaptureDirectory
  readonly store: LifecycleStore<W>
  readonly now: () => number
  /** Whether an instance runs the window's capture (for its metric, for histograms). */
  readonly runs: (window: W) => (active: ActiveCapture, record: InstanceRecord) => boolean
  /** Closes the window in the store with `missing` named and hands it to its watchers. */
  readonly close: (window: W, missing: string[], now: number) => void
  /** No window of the capture is left open and the capture is gone: its watch streams end. */
  readonly endWatchers: (captureId: string) => void
}

/**
 * When the windows of a merger close — the same for histograms and for
 * counters and gauges: as soon as every expected live instance reported,
 * else at the deadline; an instance that leaves (or answers) is decided
 * afresh; an ended capture's open windows still close, and its watchers end
 * after the last one.
 */
export class WindowLifecycle<W extends LifecycleWindow> {
  readonly #o: WindowLifecycleOptions<W>
  readonly #deadlines: DeadlineTimer
  /** Who each open window still waits for (dropped with the window). */
  readonly #waiting = new WeakMap<W, WindowWaiting>()

  constructor(options: WindowLifecycleOptions<W>) {
    this.#o = options
    this.#deadlines = new DeadlineTimer(options.now, () => this.#onDeadline())
  }

  /** `instance`'s snapshot was added to `window`: close it when it was the last awaited, else arm its deadline. */
  reported(window: W, instance: string, now: number): void {
    this.#waiting.get(window)?.reported(instance)
    if (!this.#settle(window, now)) this.#deadlines.schedule(window.deadline)
  }

  /** The registry heard from (or lost) `instance`: it may be the last one a window waits for. */
  instanceChanged(service: string, instance: string): void {
    const now = this.#o.now()
    for (const window of this.#o.store.openWindows(service)) {
      this.#waitingFor(window, now).update(this.#o.registry, window.capture, instance, now, this.#o.runs(window))
      this.#settle(window, now)
    }
  }

  /** A capture was removed or expired: its open windows still close; its watchers end after the last. */
  endCapture(capture: CaptureInfo): void {
    this.#o.store.endCapture(capture.id)
    this.closed(capture)
  }

  /** Ends the capture's watchers when it is gone and its last window closed. */
  closed(capture: CaptureInfo): void {
    if (this.#o.directory.get(capture.id) || this.#o.store.hasOpen(capture.id)) return
    this.#o.endWatchers(capture.id)
  }

  /** Stops the deadline timer. Idempotent. */
  close(): void {
    this.#deadlines.close()
  }

  /** Who the window waits for: the expected instances when it opened, kept up to date since. */
  #waitingFor(window: W, now: number): WindowWaiting {
    let waiting = this.#waiting.get(window)
    if (!waiting) {
      const expected = expectedBy(this.#o.registry, window.capture, now, this.#o.runs(window))
      waiting = new WindowWaiting(expected, (instance) => window.has(instance))
      this.#waiting.set(window, waiting)
    }
    return waiting
  }

  /** Closes the window when every expected instance reported, or when its deadline passed. True if closed. */
  #settle(window: W, now: number): boolean {
    const waiting = this.#waitingFor(window, now)
    const due = now >= window.deadline || waiting.done
    if (due) {
      this.#o.close(window, waiting.missing(), now)
      this.closed(window.capture)
    }
    return due
  }

  /** Closes the windows past their deadline; returns the next deadline. */
  #onDeadline(): number | undefined {
    const now = this.#o.now()
    for (const window of this.#o.store.openWindows()) if (now >= window.deadline) this.#settle(window, now)
    return this.#o.store.nextDeadline()
  }
}
