import { type Histogram, mergeInto } from '@prodbench/sdk/metrics'
import type { CaptureInfo } from './capture-directory.js'
import type { SnapshotEnvelope } from './snapshot-envelope.js'
import { addFigures, type Figures, NO_FIGURES } from './window-figures.js'

/** One instance's snapshot in a window: its figures and its own hdr bytes, kept as they came. */
export interface InstancePart extends Figures {
  readonly instance: string
  readonly seq: number
  readonly startMs: number
  readonly endMs: number
  readonly hdr: Uint8Array
}

/**
 * A window still taking snapshots: (capture, metric, end_ms). Each accepted
 * snapshot is merged into one histogram at once, so an open window holds one
 * decoded histogram however many instances report, plus their encoded bytes.
 */
export class OpenWindow {
  readonly #parts = new Map<string, InstancePart>()
  #merged: Histogram | undefined
  #figures: Figures = NO_FIGURES
  #unit: string | undefined
  #startMs: number

  constructor(
    readonly capture: CaptureInfo,
    readonly metric: string,
    /** The window's end: a multiple of the capture interval. */
    readonly endMs: number,
    /** When it closes even if instances are missing: end + grace. */
    readonly deadline: number,
  ) {
    this.#startMs = endMs
  }

  /** True when `instance` already has a snapshot here. */
  has(instance: string): boolean {
    return this.#parts.has(instance)
  }

  /** The unit of the window's snapshots (undefined before the first). */
  get unit(): string | undefined {
    return this.#unit
  }

  /** Instances whose snapshot is here. */
  get instances(): IterableIterator<string> {
    return this.#parts.keys()
  }

  get size(): number {
    return this.#parts.size
  }

  /**
   * Merges a snapshot (checked by the caller: not a duplicate, same unit) and its decoded histogram.
   * @throws when the histograms cannot be added (the window is left as it was)
   */
  add(snapshot: SnapshotEnvelope, histogram: Histogram): void {
    if (this.#merged) {
      mergeInto(this.#merged, histogram)
    } else {
      // The decoded histogram is ours alone: it becomes the merge target without a copy.
      this.#merged = histogram
    }
    this.#unit ??= snapshot.unit
    this.#figures = addFigures(this.#figures, snapshot)
    this.#startMs = Math.min(this.#startMs, snapshot.startMs)
    this.#parts.set(snapshot.instance, {
      instance: snapshot.instance,
      seq: snapshot.seq,
      startMs: snapshot.startMs,
      endMs: snapshot.endMs,
      count: snapshot.count,
      sum: snapshot.sum,
      min: snapshot.min,
      max: snapshot.max,
      clamped: snapshot.clamped,
      hdr: snapshot.hdr,
    })
  }

  /** What the window holds, for closing it. */
  contents(): {
    merged: Histogram | undefined
    figures: Figures
    unit: string
    startMs: number
    parts: InstancePart[]
  } {
    const parts = [...this.#parts.values()].sort((a, b) => (a.instance < b.instance ? -1 : 1))
    return { merged: this.#merged, figures: this.#figures, unit: this.#unit ?? '', startMs: this.#startMs, parts }
  }
}
