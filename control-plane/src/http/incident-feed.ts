import type { IncidentMessage } from '@prodbench/proto'
import { errorMessage, IncidentNotFoundError } from '../errors.js'
import { ALL_INCIDENTS_FILTER, subjectIncident } from '../incidents/incident-ids.js'
import type { NatsLink } from '../nats/index.js'

/** How long changes of incidents are gathered before they are read and sent: a storm is a few reads. */
export const INCIDENT_FLUSH_MS = 200

/**
 * Incident changes for live pages, shared by every viewer of the gateway:
 * ONE subscription to the incident stream's subjects (every write of any
 * replica is published there), listened to only while someone watches.
 * A message only says which incident changed: its state is read back from
 * the stream (the truth; a write that lost its compare-and-set is published
 * too, and must not be shown), at most once per incident per flush.
 */
export class IncidentFeed {
  readonly #link: NatsLink
  readonly #read: (id: string) => Promise<IncidentMessage>
  readonly #warn: (message: string) => void
  readonly #listeners = new Set<(incident: IncidentMessage) => void>()
  #pending = new Set<string>()
  #timer: NodeJS.Timeout | undefined
  #unsubscribe: (() => void) | undefined

  /** @param read the incident as stored now (IncidentApi.get) */
  constructor(link: NatsLink, read: (id: string) => Promise<IncidentMessage>, warn: (message: string) => void) {
    this.#link = link
    this.#read = read
    this.#warn = warn
  }

  /** Calls `listener` with each changed incident (with its first report); returns a function that stops it. */
  subscribe(listener: (incident: IncidentMessage) => void): () => void {
    if (this.#listeners.size === 0) this.#start()
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
      if (this.#listeners.size === 0) this.#stop()
    }
  }

  /** Stops listening. Idempotent. */
  close(): void {
    this.#listeners.clear()
    this.#stop()
  }

  #start(): void {
    this.#unsubscribe = this.#link.subscribe(ALL_INCIDENTS_FILTER, (_data, subject) => {
      const where = subjectIncident(subject)
      if (!where) return
      this.#pending.add(where.id)
      this.#timer ??= setTimeout(() => this.#flush(), INCIDENT_FLUSH_MS)
    })
  }

  #stop(): void {
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
    clearTimeout(this.#timer)
    this.#timer = undefined
    this.#pending.clear()
  }

  #flush(): void {
    this.#timer = undefined
    const ids = [...this.#pending]
    this.#pending = new Set()
    for (const id of ids) {
      this.#read(id).then(
        (incident) => {
          for (const listener of this.#listeners) listener(incident)
        },
        (err: unknown) => {
          // Gone from the stream (its age limit): nothing to show.
          if (!(err instanceof IncidentNotFoundError))
            this.#warn(`incident feed: could not read ${id}: ${errorMessage(err)}`)
        },
      )
    }
  }
}
