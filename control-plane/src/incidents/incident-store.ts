import { codecs, type IncidentInput, type IncidentMessage } from '@prodbench/proto'
import { ConflictError, errorMessage } from '../errors.js'
import type { NatsLink, RecordStream } from '../nats/index.js'
import { ALL_INCIDENTS_FILTER, incidentSubject, subjectIncident } from './incident-ids.js'
import { type IncidentFilter, IncidentIndex } from './incident-index.js'
import { storedIncidentProblem, summaryOf } from './incident-model.js'

/** A stored incident and the stream sequence it was read at (the compare-and-set revision). */
export interface StoredIncident {
  readonly incident: IncidentMessage
  readonly seq: number
}

/** What a change function decides: the incident to write (undefined: write nothing) and a result. */
export interface IncidentMutation<T> {
  readonly next: IncidentInput | undefined
  readonly result: T
}

/** The outcome of {@link IncidentStore.change}. */
export interface IncidentChange<T> {
  /** The incident after the change (or as read when nothing was written); undefined when there is none. */
  readonly incident: IncidentMessage | undefined
  /** The incident as it was before (undefined: it did not exist). */
  readonly previous: IncidentMessage | undefined
  readonly written: boolean
  readonly result: T
}

/** Options of {@link IncidentStore}. */
export interface IncidentStoreOptions {
  readonly stream: RecordStream
  /** Reports problems that fail nothing (an undecodable value in the stream). */
  readonly warn: (message: string) => void
  /**
   * Connection events: after a reconnect the stream is followed afresh (an
   * ordered consumer would only notice the loss after missed heartbeats).
   * @default none
   */
  readonly onStatus?: NatsLink['onStatus']
  /**
   * Compare-and-set attempts before giving up with PB_CONFLICT.
   * @default 10
   */
  readonly maxAttempts?: number
}

/**
 * Incidents in the stream `PRODBENCH_INCIDENTS`, one subject each
 * (`pb.v1.incidents.<service>.<id>`, the latest message kept). Every change
 * is a compare-and-set on the subject's last sequence, retried from a fresh
 * read, so control-plane replicas never overwrite each other's counts. The
 * store follows the stream to keep an {@link IncidentIndex} of summaries for
 * lists and digests; a single incident is always read from the stream.
 */
export class IncidentStore {
  readonly #o: IncidentStoreOptions
  readonly #index = new IncidentIndex()
  readonly #counts = { writes: 0, conflicts: 0, corrupt: 0 }
  #stopWatch: (() => void) | undefined
  #stopStatus: (() => void) | undefined
  /** Counts watches started: a watch that finished starting after a newer one began stops at once. */
  #watches = 0
  #closed = false

  constructor(options: IncidentStoreOptions) {
    this.#o = options
  }

  /** Follows the stream; resolves once every stored incident is in the index. */
  async start(): Promise<void> {
    this.#stopStatus ??= this.#o.onStatus?.((event) => {
      if (event === 'reconnect') this.#rewatch()
    })
    await this.#watch()
  }

  /** Replaces the watch with a new one, which replays every incident (older sequences are ignored). */
  #rewatch(): void {
    if (this.#closed) return
    this.#stopWatch?.()
    this.#stopWatch = undefined
    this.#watch().catch((err: unknown) => this.#o.warn(`incident stream: ${errorMessage(err)}`))
  }

  #watch(): Promise<void> {
    const watch = ++this.#watches
    return new Promise<void>((resolve, reject) => {
      this.#o.stream
        .watch(
          ALL_INCIDENTS_FILTER,
          (record) => {
            const where = subjectIncident(record.subject)
            if (!where) return
            const incident = this.#decode(record.data, where.service, where.id)
            if (incident) this.#index.set(summaryOf(incident), record.seq)
          },
          {
            ready: resolve,
            end: (err) => {
              if (this.#closed) return
              this.#o.warn(`incident stream watch ended${err ? `: ${errorMessage(err)}` : ''}; restarting it`)
              // The ordered consumer died with its connection: follow again (the index keeps what it has).
              setTimeout(() => this.#rewatch(), 1_000).unref()
            },
          },
        )
        .then((stop) => {
          if (this.#closed || watch !== this.#watches) {
            // Superseded (or closed) while starting: the newer watch fills the index; do not hold start() up.
            stop()
            resolve()
          } else {
            this.#stopWatch = stop
          }
        }, reject)
    })
  }

  /** Summaries matching `filter`, most recently active first (from the index). */
  list(filter: IncidentFilter = {}): IncidentMessage[] {
    return this.#index.list(filter)
  }

  /** The index: summaries and the newest generation of each error. */
  get index(): IncidentIndex {
    return this.#index
  }

  /**
   * The full incident (with its first report) as stored now, or undefined.
   * @throws {UnavailableError} when NATS is down
   */
  async read(service: string, id: string): Promise<StoredIncident | undefined> {
    const record = await this.#o.stream.last(incidentSubject(service, id))
    if (!record) return undefined
    const incident = this.#decode(record.data, service, id)
    return incident ? { incident, seq: record.seq } : undefined
  }

  /**
   * Applies `mutate` to the incident as stored now (undefined: none yet) and
   * writes the result with compare-and-set, retrying from a fresh read when
   * another writer got there first. `mutate` may run more than once.
   * @throws {ConflictError} after `maxAttempts` lost races
   * @throws {UnavailableError} when NATS is down
   */
  async change<T>(
    service: string,
    id: string,
    mutate: (current: IncidentMessage | undefined) => IncidentMutation<T>,
  ): Promise<IncidentChange<T>> {
    const subject = incidentSubject(service, id)
    const attempts = this.#o.maxAttempts ?? 10
    let lastConflict: unknown
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const stored = await this.read(service, id)
      const { next, result } = mutate(stored?.incident)
      if (!next) return { incident: stored?.incident, previous: stored?.incident, written: false, result }
      const bytes = codecs.incident.encode(next)
      try {
        const seq = await this.#o.stream.write(subject, bytes, stored?.seq ?? 0)
        this.#counts.writes++
        const written = codecs.incident.decode(bytes)
        // Seen by this replica's lists at once, before the watch brings it back.
        this.#index.set(summaryOf(written), seq)
        return { incident: written, previous: stored?.incident, written: true, result }
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err
        this.#counts.conflicts++
        lastConflict = err
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt))
      }
    }
    throw new ConflictError(`incident ${id} changed concurrently ${attempts} times in a row; try again`, {
      cause: lastConflict,
    })
  }

  /** Writes, lost compare-and-sets, and stored values that were not valid incidents. */
  stats(): { writes: number; conflicts: number; corrupt: number; incidents: number; open: number } {
    return { ...this.#counts, ...this.#index.counts() }
  }

  /** Stops following the stream. Idempotent. */
  close(): void {
    this.#closed = true
    this.#stopStatus?.()
    this.#stopWatch?.()
    this.#stopWatch = undefined
  }

  #decode(data: Uint8Array, service: string, id: string): IncidentMessage | undefined {
    try {
      const incident = codecs.incident.decode(data)
      const problem = storedIncidentProblem(incident, service, id)
      if (!problem) return incident
      this.#counts.corrupt++
      this.#o.warn(`incident ${service}/${id} in the stream is not valid: ${problem}`)
    } catch (err) {
      this.#counts.corrupt++
      this.#o.warn(`incident ${service}/${id} in the stream does not decode: ${errorMessage(err)}`)
    }
    return undefined
  }
}
