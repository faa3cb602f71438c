import { type InstrumentHooks, type LabelInput, SeriesTable } from './series.js'
import type { Unit } from './units.js'

/**
 * One label set of a counter: its total since the instance started. Returned
 * by `counter.bind(labels)`, it is the hot path for a fixed label set.
 */
export class CounterSeries {
  /** Total added since start. */
  declare total: number
  /** @internal */
  declare readonly counter: Counter

  /** @internal made by the counter's series table */
  constructor(counter: Counter) {
    this.total = 0
    this.counter = counter
  }

  /**
   * Adds `n` (default 1). Never throws: a negative, NaN or infinite `n` is
   * ignored and counted in `prodbench.sdk.bad_metric_values`.
   */
  add(n = 1): void {
    if (typeof n === 'number' && n >= 0 && n !== Number.POSITIVE_INFINITY) this.total += n
    else this.counter.refuse(n)
  }
}

/**
 * A monotonic counter, always counting locally: `add` costs an addition and
 * nothing is shipped until a capture asks for it. Made by `pb.counter(name)`.
 */
export class Counter {
  /** Metric name, e.g. `orders.placed`. */
  readonly name: string
  /** Unit of the counted amounts. */
  readonly unit: Unit
  /** @internal */
  readonly table: SeriesTable<CounterSeries>
  readonly #hooks: InstrumentHooks
  /** The series without labels (all labels ''), made on first use when labels are declared. */
  declare private plain: CounterSeries | undefined
  #refused = false

  /** @internal use `pb.counter()` */
  constructor(name: string, unit: Unit, labels: readonly string[], maxSeries: number, hooks: InstrumentHooks) {
    this.name = name
    this.unit = unit
    this.#hooks = hooks
    this.table = new SeriesTable(labels, maxSeries, () => new CounterSeries(this))
    this.table.onFirstOverflow = () => hooks.overflow(name, maxSeries)
    this.plain = labels.length === 0 ? this.table.get(undefined) : undefined
  }

  /**
   * Adds `n` (default 1) to the series of `labels` (only the declared label
   * names count; missing ones are ''). Never throws: a negative, NaN or
   * infinite `n` is ignored and counted. For a fixed label set on a hot path,
   * {@link bind} once and call `add` on the series.
   */
  add(n = 1, labels?: LabelInput): void {
    if (labels !== undefined) {
      this.table.get(labels).add(n)
      return
    }
    this.plain ??= this.table.get(undefined)
    this.plain.add(n)
  }

  /** The series of `labels`, to add to without a lookup per call. */
  bind(labels?: LabelInput): CounterSeries {
    return this.table.get(labels)
  }

  /** Total over every series since start. */
  get total(): number {
    let sum = 0
    for (const [series] of this.table.entries()) sum += series.total
    return sum
  }

  /** @internal a refused add: counted every time, described once. */
  refuse(n: unknown): void {
    const first = !this.#refused
    this.#refused = true
    this.#hooks.bad(
      this.name,
      first ? `counter "${this.name}": add(${String(n)}) ignored: a counter only adds finite amounts ≥ 0` : undefined,
    )
  }
}
