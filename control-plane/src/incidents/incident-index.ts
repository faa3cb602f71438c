import type { IncidentMessage } from '@prodbench/proto'
import { parseIncidentId } from './incident-ids.js'
import type { IncidentStatus } from './incident-model.js'

/** A filter of {@link IncidentIndex.list}. */
export interface IncidentFilter {
  /** Only this service's. @default every service */
  readonly service?: string | undefined
  /** Only incidents in this status. @default every status */
  readonly status?: IncidentStatus | undefined
  /** Most incidents returned. @default all */
  readonly limit?: number | undefined
}

interface Entry {
  readonly incident: IncidentMessage
  readonly seq: number
}

/**
 * Every incident's latest summary (without its first report), as this
 * control plane followed the stream, and the newest generation known for
 * each (service, fingerprint). Pure bookkeeping: the stream is the truth,
 * this is the fast path for lists, digests and the next id.
 */
export class IncidentIndex {
  readonly #byId = new Map<string, Entry>()
  readonly #generations = new Map<string, number>()

  /** Records `incident` at stream sequence `seq`, unless a newer sequence is already known. */
  set(incident: IncidentMessage, seq: number): void {
    const id = incident.id ?? ''
    const known = this.#byId.get(id)
    if (known && known.seq >= seq) return
    this.#byId.set(id, { incident, seq })
    const parsed = parseIncidentId(id)
    if (!parsed) return
    const key = `${parsed.service}/${parsed.family}`
    if ((this.#generations.get(key) ?? 0) < parsed.generation) this.#generations.set(key, parsed.generation)
  }

  /** Forgets an incident (its subject was purged). */
  delete(id: string): void {
    this.#byId.delete(id)
  }

  /** The summary of `id`, or undefined. */
  get(id: string): IncidentMessage | undefined {
    return this.#byId.get(id)?.incident
  }

  /** The newest generation known of (service, family); 0 when none. */
  latestGeneration(service: string, family: string): number {
    return this.#generations.get(`${service}/${family}`) ?? 0
  }

  /** Incidents matching `filter`, most recently active first. */
  list(filter: IncidentFilter = {}): IncidentMessage[] {
    const out: IncidentMessage[] = []
    for (const { incident } of this.#byId.values()) {
      if (filter.service !== undefined && incident.service !== filter.service) continue
      if (filter.status !== undefined && incident.status !== filter.status) continue
      out.push(incident)
    }
    out.sort((a, b) => (b.lastAt ?? 0) - (a.lastAt ?? 0) || ((a.id ?? '') < (b.id ?? '') ? -1 : 1))
    return filter.limit === undefined ? out : out.slice(0, filter.limit)
  }

  /** How many incidents are known, and how many of them are open. */
  counts(): { incidents: number; open: number } {
    let open = 0
    for (const { incident } of this.#byId.values()) if (incident.status === 'open') open++
    return { incidents: this.#byId.size, open }
  }
}
