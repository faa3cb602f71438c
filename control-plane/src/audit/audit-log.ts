import type { AuditRecordMessage } from '@prodbench/proto'
import { errorMessage } from '../errors.js'
import type { AppendStream, NatsLink } from '../nats/index.js'
import { AUDIT_STREAM } from '../security/nats-permissions.js'
import { AUDIT_SUBJECT, type AuditEntry, auditSubject, decodeAuditRecord, encodeAuditEntry } from './audit-record.js'

/** Limits of the audit stream. */
export interface AuditLimits {
  /** Records older than this are dropped by the server. */
  readonly maxAgeMs: number
  /** Past this size the oldest records are dropped. */
  readonly maxBytes: number
  /** Stream replicas (3 on an R3 cluster). */
  readonly replicas: number
}

/** What `list` is asked. */
export interface AuditQuery {
  /** One service; undefined: every service (and the records of no service). */
  readonly service?: string | undefined
  readonly sinceMs: number
  readonly limit: number
  /** Keeps only records the caller may see (by their service; undefined: control-plane-wide records). */
  readonly visible?: (service: string | undefined) => boolean
}

/** Longest a change waits for its audit record to be stored before it is answered anyway. */
const APPEND_WAIT_MS = 2_000
/** Longest a ListAudit reads the stream. */
const READ_TIMEOUT_MS = 5_000

/**
 * The audit log: every change, accepted or refused, as one record in the
 * append-only JetStream stream `PRODBENCH_AUDIT` (subject
 * `pb.v1.audit.<service>`; `pb.v1.audit` for token changes). The stream
 * refuses deletes and purges; only its age and size limits drop records.
 * A change waits (briefly) until its record is stored, so the log is never
 * behind what a client was told.
 */
export class AuditLog {
  readonly #stream: AppendStream
  readonly #warn: (message: string) => void
  #recorded = 0
  #failed = 0

  private constructor(stream: AppendStream, warn: (message: string) => void) {
    this.#stream = stream
    this.#warn = warn
  }

  /** Opens (creating when missing) the audit stream. */
  static async open(link: NatsLink, limits: AuditLimits, warn: (message: string) => void): Promise<AuditLog> {
    const stream = await link.openAppendStream({
      name: AUDIT_STREAM,
      subjects: [AUDIT_SUBJECT, `${AUDIT_SUBJECT}.>`],
      maxAgeMs: limits.maxAgeMs,
      maxBytes: limits.maxBytes,
      maxMsgSize: 64 * 1024,
      replicas: limits.replicas,
      description: 'prodbench audit log: every change made through the control plane (append-only)',
    })
    return new AuditLog(stream, warn)
  }

  /**
   * Stores an entry; resolves once stored, or after a short wait (a record
   * that could not be stored is reported through `warn` and counted).
   */
  async record(entry: AuditEntry): Promise<void> {
    let timer: NodeJS.Timeout | undefined
    const stored = this.#stream.append(auditSubject(entry.service), encodeAuditEntry(entry)).then(
      () => {
        this.#recorded++
      },
      (err: unknown) => {
        this.#failed++
        this.#warn(`audit: could not store "${entry.method}" by ${entry.who}: ${errorMessage(err)}`)
      },
    )
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, APPEND_WAIT_MS)
    })
    await Promise.race([stored, waited])
    clearTimeout(timer)
  }

  /** The newest `limit` records since `sinceMs` the caller may see, oldest first. */
  async list(query: AuditQuery): Promise<AuditRecordMessage[]> {
    const filter = query.service ? auditSubject(query.service) : `${AUDIT_SUBJECT}.>`
    const wantGlobal = query.service === undefined && (query.visible?.(undefined) ?? true)
    const reads = [
      this.#stream.read({ filter, sinceMs: query.sinceMs, limit: query.limit, timeoutMs: READ_TIMEOUT_MS }),
    ]
    if (wantGlobal) {
      reads.push(
        this.#stream.read({
          filter: AUDIT_SUBJECT,
          sinceMs: query.sinceMs,
          limit: query.limit,
          timeoutMs: READ_TIMEOUT_MS,
        }),
      )
    }
    const records = (await Promise.all(reads)).flat().sort((a, b) => a.seq - b.seq)
    const out: AuditRecordMessage[] = []
    for (const stored of records) {
      let record: AuditRecordMessage
      try {
        record = decodeAuditRecord(stored.data, stored.seq)
      } catch (err) {
        this.#warn(`audit: record ${stored.seq} does not decode: ${errorMessage(err)}`)
        continue
      }
      if (query.visible && !query.visible(record.service || undefined)) continue
      out.push(record)
    }
    return out.slice(-query.limit)
  }

  /** Records stored, and records that could not be stored. */
  stats(): { recorded: number; failed: number } {
    return { recorded: this.#recorded, failed: this.#failed }
  }
}
