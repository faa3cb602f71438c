import { randomBytes } from 'node:crypto'
import type { IncidentMessage, IncidentReportMessage } from '@prodbench/proto'
import type { Alert } from '../alerts/index.js'
import type { DumpGatherer } from '../dumps/index.js'
import { errorMessage, IncidentClosedError, IncidentNotFoundError } from '../errors.js'
import type { ListIncidentsInput, OpenIncidentInput, UpdateIncidentInput } from '../grpc/incident-requests.js'
import { incidentFamily, incidentId, parseIncidentId } from './incident-ids.js'
import { ackIncident, closeIncident, createIncident, foldReport } from './incident-model.js'
import type { IncidentStore } from './incident-store.js'
import { checkReport } from './report-check.js'

/** Records of the instance's flight recorder a manual incident takes. */
export const MANUAL_DUMP_RECORDS = 500
/** How long `open` waits for the instance's flight recorder. */
const MANUAL_DUMP_WAIT_MS = 2_000

/** Options of {@link IncidentApi}. */
export interface IncidentApiOptions {
  readonly store: IncidentStore
  /** The flight recorders, for incidents opened by hand; without it they carry no records. */
  readonly dumps?: DumpGatherer
  readonly alert: (alert: Alert) => void
  readonly alerting: boolean
  readonly linkFor: (id: string) => string
  /**
   * Wall clock, for tests.
   * @default Date.now
   */
  readonly now?: () => number
}

/**
 * The incident operations behind gRPC (ListIncidents, GetIncident,
 * UpdateIncident, OpenIncident): typed, validated inputs in, Incident
 * messages out, prodbench errors on failure.
 */
export class IncidentApi {
  readonly #o: IncidentApiOptions
  readonly #now: () => number

  constructor(options: IncidentApiOptions) {
    this.#o = options
    this.#now = options.now ?? Date.now
  }

  /** Incident summaries (no first report), most recently active first. */
  list(input: ListIncidentsInput): IncidentMessage[] {
    return this.#o.store.list(input).map((incident) => this.#linked(incident))
  }

  /**
   * One incident with its first report (records, context, histograms).
   * @throws {IncidentNotFoundError} for an id the stream does not hold
   */
  async get(id: string): Promise<IncidentMessage> {
    const where = parseIncidentId(id)
    const stored = where ? await this.#o.store.read(where.service, id) : undefined
    if (!stored) throw new IncidentNotFoundError(id)
    return this.#linked(stored.incident)
  }

  /**
   * Acks or closes an incident (`author` recorded). Acking an acked one, or
   * closing a closed one, changes nothing and succeeds.
   * @throws {IncidentNotFoundError} for an unknown id
   * @throws {IncidentClosedError} when acking a closed incident
   */
  async update(input: UpdateIncidentInput, author: string): Promise<IncidentMessage> {
    const where = parseIncidentId(input.id)
    if (!where) throw new IncidentNotFoundError(input.id)
    const who = input.reason ? `${author} (${input.reason})`.slice(0, 1_200) : author
    const change = await this.#o.store.change(where.service, input.id, (current) => {
      if (!current) throw new IncidentNotFoundError(input.id)
      if (input.action === 'ack') {
        if (current.status === 'closed') throw new IncidentClosedError(input.id)
        return { next: current.status === 'acked' ? undefined : ackIncident(current, who, this.#now()), result: 0 }
      }
      return { next: current.status === 'closed' ? undefined : closeIncident(current, who, this.#now()), result: 0 }
    })
    return this.#linked(change.incident as IncidentMessage)
  }

  /**
   * Opens an incident by hand (kind "manual", its own fingerprint, so never
   * folded into another), with the named instance's flight recorder when it
   * answers in time; sends its "new" alert.
   */
  async open(input: OpenIncidentInput, author: string): Promise<IncidentMessage> {
    const now = this.#now()
    const fingerprint = `manual-${randomBytes(8).toString('hex')}`
    const context: Record<string, string> = { opened_by: author, ...(input.reason ? { reason: input.reason } : {}) }
    let records: string[] = []
    if (input.instance && this.#o.dumps) {
      try {
        const dump = await this.#o.dumps.dump({
          service: input.service,
          instance: input.instance,
          last: MANUAL_DUMP_RECORDS,
          waitMs: MANUAL_DUMP_WAIT_MS,
        })
        const reply = dump.instances[0]
        records = reply?.records ?? []
        if (!reply) context.flight_recorder = `no answer from ${input.instance} within ${MANUAL_DUMP_WAIT_MS} ms`
        else if (reply.error) context.flight_recorder = reply.error
      } catch (err) {
        context.flight_recorder = `could not ask ${input.instance}: ${errorMessage(err)}`
      }
    }
    // The same checks and trims as a report from an SDK; one naming no instance is checked as "manual".
    const instance = input.instance ?? 'manual'
    const report: IncidentReportMessage = {
      identity: { service: input.service, instance },
      kind: 'manual',
      fingerprint,
      title: input.title,
      at: now,
      lastAt: now,
      count: 1,
      records,
      context,
      error: { type: 'manual', message: input.reason ?? input.title, stack: '' },
    }
    const checked = checkReport(report, { service: input.service, instance }, now)
    if (!checked.ok) throw new Error(`manual incident report refused: ${checked.detail}`)
    const fold = foldReport(undefined, checked.report)
    if (!input.instance) {
      fold.instances.clear()
      fold.full = { ...(fold.full as IncidentReportMessage), identity: { service: input.service, instance: '' } }
    }
    const id = incidentId(input.service, incidentFamily(input.service, fingerprint), 1)
    const change = await this.#o.store.change(input.service, id, (current) => ({
      next: current ? undefined : createIncident(id, fold, this.#o.linkFor(id), now, this.#o.alerting),
      result: current === undefined,
    }))
    const incident = this.#linked(change.incident as IncidentMessage)
    if (change.written && this.#o.alerting) this.#o.alert({ type: 'new', incident, link: incident.link ?? '' })
    return incident
  }

  /**
   * The incident with the link of this control plane's public URL: the one
   * stored is the creator's, which may have had another (or the default).
   */
  #linked(incident: IncidentMessage): IncidentMessage {
    return { ...incident, link: this.#o.linkFor(incident.id ?? '') }
  }
}
