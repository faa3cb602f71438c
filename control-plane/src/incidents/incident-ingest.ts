import { codecs, type IncidentMessage, type IncidentReportMessage } from '@prodbench/proto'
import { subjects } from '@prodbench/sdk/core'
import type { Alert } from '../alerts/index.js'
import { errorMessage } from '../errors.js'
import { RefusalCounters } from '../histograms/refusal-counters.js'
import type { NatsLink } from '../nats/index.js'
import type { AutoQuarantine } from './auto-quarantine.js'
import { INGEST_QUEUE, incidentFamily, incidentId } from './incident-ids.js'
import { applyFold, createIncident, foldReport, mergeFolds, type ReportFold } from './incident-model.js'
import type { IncidentStore } from './incident-store.js'
import { checkReport, REPORT_REJECT_REASONS, type ReportRejectReason } from './report-check.js'

/** Options of {@link IncidentIngest}. */
export interface IncidentIngestOptions {
  readonly link: NatsLink
  readonly store: IncidentStore
  /** Sends the "new" alert of an incident this control plane created. */
  readonly alert: (alert: Alert) => void
  /** True when alerts go anywhere (a created incident then counts its "new" alert as sent). */
  readonly alerting: boolean
  readonly quarantine: AutoQuarantine
  /** The admin UI link of an incident id. */
  readonly linkFor: (id: string) => string
  readonly warn: (message: string) => void
  /**
   * Distinct errors (service, fingerprint) waiting to be written at once; a report of one more is refused ('limit').
   * @default 10000
   */
  readonly maxPending?: number
  /**
   * Incident writes in flight at once.
   * @default 8
   */
  readonly concurrency?: number
  /**
   * Wall clock, for tests.
   * @default Date.now
   */
  readonly now?: () => number
}

/** What the ingest did since start. */
export interface IngestStats {
  /** Reports received. */
  readonly reports: number
  /** Reports refused, by reason (see {@link REPORT_REJECT_REASONS}), and the last one's detail. */
  readonly rejected: number
  readonly rejectedByReason: Readonly<Record<ReportRejectReason, number>>
  readonly lastRejection: string | undefined
  /** Incidents this control plane created, and updates it wrote (a batch of reports is one update). */
  readonly opened: number
  readonly updated: number
  /** Writes that failed (NATS down); their reports are kept and written again. */
  readonly storeFailures: number
  /** Reports received again (same instance and seq: the sender missed our reply) and not counted twice. */
  readonly duplicates: number
  /** Distinct errors waiting to be written now. */
  readonly pending: number
}

const EMPTY = new Uint8Array(0)
/** Backoff of a batch whose write failed. */
const RETRY_MS = [250, 1_000, 5_000, 15_000] as const
/** Generations tried for one report before giving up (each closed incident of an error is one). */
const MAX_GENERATION_STEPS = 50

interface Pending {
  fold: ReportFold
  readonly respond: Array<(data: Uint8Array) => void>
  failures: number
}

/**
 * Turns IncidentReports (`pb.v1.incident.<service>.<instance>`, one queue
 * group over the control-plane replicas) into incidents. Reports of one
 * error (service, fingerprint) are folded while its previous write is in
 * flight, so a storm of a thousand is a handful of writes with the exact
 * sum of their counts. A report sent as a request is answered (empty) once
 * stored — or refused as malformed; a failed write keeps the reports and
 * tries again, so an SDK that retries on silence loses nothing.
 */
export class IncidentIngest {
  readonly #o: IncidentIngestOptions
  readonly #now: () => number
  readonly #refusals = new RefusalCounters<ReportRejectReason>(REPORT_REJECT_REASONS)
  readonly #pending = new Map<string, Pending>()
  readonly #running = new Set<string>()
  readonly #waiting: string[] = []
  readonly #timers = new Set<NodeJS.Timeout>()
  readonly #counts = { reports: 0, opened: 0, updated: 0, storeFailures: 0, duplicates: 0 }
  readonly #resent = new ResentReports()
  #unsubscribe: (() => void) | undefined
  #closed = false

  constructor(options: IncidentIngestOptions) {
    this.#o = options
    this.#now = options.now ?? Date.now
  }

  /** Subscribes to every incident report (call after the store is ready). */
  start(): void {
    this.#unsubscribe = this.#o.link.subscribe(
      subjects.allIncidents,
      (data, subject, respond) => this.#receive(data, subject, respond),
      { queue: INGEST_QUEUE },
    )
  }

  /** Counters since start. */
  stats(): IngestStats {
    return { ...this.#counts, ...this.#refusals.refusals(), pending: this.#pending.size }
  }

  /** Stops taking reports and retrying. Reports not yet written are dropped. Idempotent. */
  close(): void {
    this.#closed = true
    this.#unsubscribe?.()
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers.clear()
  }

  #receive(data: Uint8Array, subject: string, respond?: (data: Uint8Array) => void): void {
    this.#counts.reports++
    const parts = subject.split('.')
    if (parts.length !== 5) return void this.#refuse('subject', `report on malformed subject ${subject}`, respond)
    let message: IncidentReportMessage
    try {
      message = codecs.incidentReport.decode(data)
    } catch (err) {
      return void this.#refuse('protobuf', `report on ${subject}: ${errorMessage(err)}`, respond)
    }
    const checked = checkReport(message, { service: parts[3] as string, instance: parts[4] as string }, this.#now())
    if (!checked.ok) return void this.#refuse(checked.reason, `report on ${subject}: ${checked.detail}`, respond)
    const { report } = checked
    // The SDK resends a report until it hears back: one whose reply was lost
    // comes again with the same (instance, seq), and must not count twice.
    if (this.#resent.seen(`${parts[3]}.${parts[4]}`, Number(message.seq ?? 0))) {
      this.#counts.duplicates++
      return void respond?.(EMPTY)
    }
    const key = `${report.service}\u0000${report.fingerprint}`
    let pending = this.#pending.get(key)
    if (!pending) {
      if (this.#pending.size >= (this.#o.maxPending ?? 10_000)) {
        return void this.#refuse('limit', `${this.#pending.size} distinct errors waiting to be written`, respond)
      }
      pending = { fold: foldReport(undefined, report), respond: [], failures: 0 }
      this.#pending.set(key, pending)
      this.#schedule(key)
    } else {
      foldReport(pending.fold, report)
    }
    if (respond) pending.respond.push(respond)
  }

  #refuse(reason: ReportRejectReason, detail: string, respond?: (data: Uint8Array) => void): void {
    this.#refusals.reject(reason, detail)
    // A malformed report will not get better: answer, so the sender does not retry it.
    respond?.(EMPTY)
  }

  #schedule(key: string): void {
    if (this.#running.has(key) || this.#closed) return
    if (this.#running.size >= (this.#o.concurrency ?? 8)) {
      if (!this.#waiting.includes(key)) this.#waiting.push(key)
      return
    }
    this.#running.add(key)
    void this.#drain(key).finally(() => {
      this.#running.delete(key)
      const next = this.#waiting.shift()
      if (next !== undefined) this.#schedule(next)
    })
  }

  /** Writes the key's folded reports until none are left (more may arrive while a write is in flight). */
  async #drain(key: string): Promise<void> {
    while (!this.#closed) {
      const pending = this.#pending.get(key)
      if (!pending) return
      this.#pending.delete(key)
      try {
        await this.#write(pending.fold)
        for (const respond of pending.respond) respond(EMPTY)
      } catch (err) {
        this.#counts.storeFailures++
        this.#o.warn(`could not store incident reports of ${pending.fold.service}: ${errorMessage(err)}`)
        this.#retryLater(key, pending)
        return
      }
    }
  }

  #retryLater(key: string, failed: Pending): void {
    if (this.#closed) return
    const newer = this.#pending.get(key)
    const merged: Pending = newer
      ? {
          fold: mergeFolds(failed.fold, newer.fold),
          respond: [...failed.respond, ...newer.respond],
          failures: failed.failures + 1,
        }
      : { ...failed, failures: failed.failures + 1 }
    this.#pending.set(key, merged)
    const wait = RETRY_MS[Math.min(merged.failures, RETRY_MS.length) - 1] as number
    const timer = setTimeout(() => {
      this.#timers.delete(timer)
      this.#schedule(key)
    }, wait)
    timer.unref()
    this.#timers.add(timer)
  }

  /** Adds a fold to the open incident of its error, or creates the next one; sends alerts, asks for quarantines. */
  async #write(fold: ReportFold): Promise<void> {
    const { service, fingerprint } = fold
    const family = incidentFamily(service, fingerprint)
    let generation = Math.max(1, this.#o.store.index.latestGeneration(service, family))
    for (let step = 0; step < MAX_GENERATION_STEPS; step++, generation++) {
      const id = incidentId(service, family, generation)
      const change = await this.#o.store.change(service, id, (current) => {
        if (!current) {
          const created = createIncident(id, fold, this.#o.linkFor(id), this.#now(), this.#o.alerting)
          return { next: created, result: 'created' as const }
        }
        // Closed: the error came back, which is a new incident. Another fingerprint: a hash collision.
        if (current.status === 'closed' || current.fingerprint !== fingerprint) {
          return { next: undefined, result: 'next' as const }
        }
        return { next: applyFold(current, fold), result: 'updated' as const }
      })
      if (change.result === 'next') continue
      const incident = change.incident as IncidentMessage
      if (change.result === 'created') {
        this.#counts.opened++
        if (this.#o.alerting) this.#o.alert({ type: 'new', incident, link: this.#o.linkFor(id) })
      } else {
        this.#counts.updated++
      }
      void this.#quarantine(fold, incident)
      return
    }
    throw new Error(`more than ${MAX_GENERATION_STEPS} closed incidents of ${service}/${fingerprint} in a row`)
  }

  async #quarantine(fold: ReportFold, incident: IncidentMessage): Promise<void> {
    // One after the other: they write the same service's desired state.
    for (const instance of fold.quarantine) {
      try {
        const outcome = await this.#o.quarantine.request(fold.service, instance, {
          id: incident.id ?? '',
          title: incident.title ?? '',
        })
        if (outcome === 'capped') {
          this.#o.warn(
            `not quarantining ${fold.service}/${instance} for ${incident.id}: the service is at its quarantine cap`,
          )
        }
      } catch (err) {
        this.#o.warn(`could not quarantine ${fold.service}/${instance} for ${incident.id}: ${errorMessage(err)}`)
      }
    }
  }
}

/** Most report sequences remembered per instance, and instances remembered. */
const SEQS_PER_INSTANCE = 1_024
const INSTANCES = 10_000

/**
 * The (instance, seq) pairs of the reports this replica counted lately.
 * Per replica: a resend that reaches another replica (the queue group picks
 * one) after a lost reply can still count twice; docs/incidents.md says so.
 */
class ResentReports {
  readonly #byInstance = new Map<string, { set: Set<number>; order: number[] }>()

  /** True when `seq` of `instance` was seen before; remembers it otherwise. 0 (no seq) is never a repeat. */
  seen(instance: string, seq: number): boolean {
    if (!(seq > 0)) return false
    let entry = this.#byInstance.get(instance)
    if (!entry) {
      if (this.#byInstance.size >= INSTANCES) this.#byInstance.delete(this.#byInstance.keys().next().value as string)
      entry = { set: new Set(), order: [] }
      this.#byInstance.set(instance, entry)
    }
    if (entry.set.has(seq)) return true
    entry.set.add(seq)
    entry.order.push(seq)
    if (entry.order.length > SEQS_PER_INSTANCE) entry.set.delete(entry.order.shift() as number)
    return false
  }
}
