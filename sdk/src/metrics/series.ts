/**
 * Label sets of counters and gauges: one series per set of label values,
 * at most `maxSeries` of them per instrument. Past the limit, values go to a
 * single overflow series, so a label fed from user input (an id, a path)
 * costs a bounded map, never an unbounded one.
 */

/** Label values of one series, by label name. */
export type Labels = Readonly<Record<string, string>>

/** Labels as a caller passes them: values are turned into strings. */
export type LabelInput = Readonly<Record<string, string | number | boolean | undefined>>

/** The labels of the overflow series. */
export const OVERFLOW_LABELS: Labels = Object.freeze({ overflow: 'true' })

/** Longest label value kept; longer ones are cut, so keys stay small. */
export const MAX_LABEL_VALUE = 128

/** Series per instrument unless `maxSeries` says otherwise. */
export const DEFAULT_MAX_SERIES = 100

/** Hard ceiling of `maxSeries`. */
export const MAX_SERIES_LIMIT = 10_000

/** A level of the lookup tree: label value → next level, or the series at the last level. */
type Node<S> = Map<string, Node<S> | S>

/**
 * The series of one instrument, by label values. `S` is the per-series state
 * (a counter total, a gauge value); `make` creates it for new label sets.
 */
export class SeriesTable<S> {
  /** Declared label names, in declaration order. */
  readonly names: readonly string[]
  /** Label sets kept before values go to the overflow series. */
  readonly maxSeries: number
  // One map level per label name: a lookup costs a Map get per label and no
  // key string is built (a joined key cost ~40 ns per labelled call).
  readonly #root: Node<S> = new Map()
  readonly #labels = new Map<S, Labels>()
  #plain: S | undefined
  readonly #make: (labels: Labels) => S
  #overflowSeries: S | undefined
  #overflow = 0
  /** Called the first time the limit is hit (the instrument reports it once). */
  onFirstOverflow: (() => void) | undefined

  constructor(names: readonly string[], maxSeries: number, make: (labels: Labels) => S) {
    this.names = names
    this.maxSeries = maxSeries
    this.#make = make
  }

  /**
   * The series of `input`: only declared label names count (others are
   * ignored, missing ones are ''). Beyond `maxSeries` label sets, the
   * overflow series, and the overflow count grows by one.
   */
  get(input: LabelInput | undefined): S {
    const names = this.names
    const last = names.length - 1
    if (last < 0) return this.#plain ?? this.#create(input, undefined, '')
    let node = this.#root
    for (let i = 0; i < last; i++) {
      const next = node.get(labelValue(input?.[names[i] as string])) as Node<S> | undefined
      // Levels are only made for a series that is made: the tree stays bounded too.
      if (next === undefined) return this.#labels.size >= this.maxSeries ? this.#overflowed() : this.#create(input)
      node = next
    }
    const value = labelValue(input?.[names[last] as string])
    const found = node.get(value) as S | undefined
    if (found !== undefined) return found
    return this.#labels.size >= this.maxSeries ? this.#overflowed() : this.#create(input, node, value)
  }

  /** Label sets in use, the overflow series included. */
  get size(): number {
    return this.#labels.size + (this.#overflowSeries === undefined ? 0 : 1)
  }

  /** Lookups sent to the overflow series because the limit was reached. */
  get overflow(): number {
    return this.#overflow
  }

  /** Every series with its labels, the overflow series last. */
  *entries(): IterableIterator<[S, Labels]> {
    for (const [series, labels] of this.#labels) yield [series, labels]
    if (this.#overflowSeries !== undefined) yield [this.#overflowSeries, OVERFLOW_LABELS]
  }

  /** A new series for `input`; `leaf`/`value` when the caller already walked to its last level. */
  #create(input: LabelInput | undefined, leaf?: Node<S>, value?: string): S {
    const names = this.names
    const labels: Record<string, string> = {}
    for (const name of names) labels[name] = labelValue(input?.[name])
    const series = this.#make(Object.freeze(labels))
    this.#labels.set(series, labels)
    if (names.length === 0) {
      this.#plain = series
      return series
    }
    let node = leaf
    if (node === undefined) {
      node = this.#root
      for (let i = 0; i < names.length - 1; i++) {
        const key = labels[names[i] as string] as string
        let next = node.get(key) as Node<S> | undefined
        if (next === undefined) {
          next = new Map()
          node.set(key, next)
        }
        node = next
      }
    }
    node.set(value ?? (labels[names[names.length - 1] as string] as string), series)
    return series
  }

  #overflowed(): S {
    this.#overflow++
    if (this.#overflowSeries === undefined) {
      this.#overflowSeries = this.#make(OVERFLOW_LABELS)
      this.onFirstOverflow?.()
    }
    return this.#overflowSeries
  }
}

function labelValue(value: unknown): string {
  if (value === undefined || value === null) return ''
  const text = typeof value === 'string' ? value : String(value)
  return text.length > MAX_LABEL_VALUE ? text.slice(0, MAX_LABEL_VALUE) : text
}

/**
 * Where counters and gauges report a bad value (a negative add, a callback
 * that threw): off the hot path, never back into the host.
 */
export interface InstrumentHooks {
  /**
   * A value was refused (ignored and counted); `why` says what was wrong, and
   * is left out when the instrument already described this trouble.
   */
  bad(metric: string, why?: string, error?: unknown): void
  /** The instrument reached its `maxSeries` limit for the first time. */
  overflow(metric: string, maxSeries: number): void
}

/** Hooks that drop everything: for instruments made outside an SDK. */
export const SILENT_HOOKS: InstrumentHooks = { bad: () => {}, overflow: () => {} }
