import { codecs, type HistogramSnapshotInput, type IncidentReportInput } from '@prodbench/proto'
import type { RequestScope } from '../context/request-context.js'
import type { Identity } from '../identity.js'
import type { CrashSpool } from './crash-spool.js'
import { describeError, fingerprint } from './fingerprint.js'

/** What opened an incident. */
export type IncidentKind = 'assert' | 'check' | 'uncaught' | 'unhandled-rejection' | 'error-log' | 'manual'

/** One occurrence, as the SDK's parts report it. */
export interface Occurrence {
  readonly kind: IncidentKind
  /** Assert or check name. */
  readonly name?: string
  readonly error: unknown
  readonly title?: string
  /** The request being served, when there is one. */
  readonly scope?: RequestScope
}

/** What the reporter needs from the SDK around it. */
export interface IncidentParts {
  readonly identity: Identity
  /** Sends a report (through the bounded telemetry buffer). */
  readonly publish: (bytes: Uint8Array) => void
  /** Flight-recorder lines before now: the request's own first (`own` of them), then the instance's. */
  readonly records: (scope: RequestScope | undefined) => { lines: string[]; own: number }
  /** The last closed window of each captured histogram. */
  readonly histograms: () => HistogramSnapshotInput[]
  /** Kinds that ask the control plane to quarantine this instance. */
  readonly autoQuarantine: ReadonlySet<IncidentKind>
  /** Where reports go when the process is dying. */
  readonly spool?: CrashSpool
}

/** New error-log fingerprints reported per minute; beyond, occurrences are only counted. */
const ERROR_LOG_PER_MINUTE = 20
/** Fingerprints remembered for de-duplication (the oldest is forgotten first). */
const MAX_FINGERPRINTS = 1_000
/** How often repeats are sent as count-only reports. */
export const REPEAT_FLUSH_MS = 2_000

interface Seen {
  readonly kind: IncidentKind
  readonly name: string
  readonly title: string
  pending: number
  lastAt: number
}

/**
 * Opens incidents: the first occurrence of a fingerprint is reported in full
 * (error, stack, flight-recorder records, request context, histograms); later
 * ones are counted and sent as count-only repeats every few seconds, so a
 * storm of one error is one incident with a count, not a storm of reports.
 */
export class IncidentReporter {
  readonly #parts: IncidentParts
  readonly #seen = new Map<string, Seen>()
  #timer: NodeJS.Timeout | undefined
  #minute = 0
  #newInMinute = 0
  /** Occurrences not reported because error-log incidents were over their rate. */
  suppressed = 0
  /** Reports sent (full and repeats). */
  sent = 0
  #seq = 0
  #closed = false

  constructor(parts: IncidentParts) {
    this.#parts = parts
  }

  /** Reports an occurrence; returns its fingerprint, or undefined when rate-limited. */
  open(occurrence: Occurrence): string | undefined {
    const error = describeError(occurrence.error)
    const name = occurrence.name ?? ''
    const fp = fingerprint(occurrence.kind, name, error)
    const now = Date.now()
    const seen = this.#seen.get(fp)
    if (seen) {
      seen.pending++
      seen.lastAt = now
      this.#schedule()
      return fp
    }
    if (occurrence.kind === 'error-log' && !this.#admitNew(now)) {
      this.suppressed++
      return undefined
    }
    const report = this.#report(occurrence, fp, error, now)
    this.#remember(fp, { kind: occurrence.kind, name, title: report.title ?? '', pending: 0, lastAt: now })
    this.#send(codecs.incidentReport.encode(report))
    return fp
  }

  /**
   * The process is dying: writes the report to the crash spool synchronously
   * (the next instance sends it) and tries NATS too.
   */
  crash(occurrence: Occurrence): void {
    const error = describeError(occurrence.error)
    const fp = fingerprint(occurrence.kind, occurrence.name ?? '', error)
    const bytes = codecs.incidentReport.encode(this.#report(occurrence, fp, error, Date.now()))
    this.#parts.spool?.write(fp, bytes)
    this.#send(bytes)
  }

  /** Sends the pending repeat counts now. */
  flush(): void {
    for (const [fp, seen] of this.#seen) {
      if (seen.pending === 0) continue
      const report: IncidentReportInput = {
        identity: { ...this.#parts.identity },
        kind: seen.kind,
        name: seen.name,
        fingerprint: fp,
        title: seen.title,
        at: seen.lastAt,
        lastAt: seen.lastAt,
        count: seen.pending,
        repeat: true,
        seq: ++this.#seq,
      }
      seen.pending = 0
      this.#send(codecs.incidentReport.encode(report))
    }
  }

  /** Sends what is pending and stops the timer. Idempotent. */
  close(): void {
    if (this.#closed) return
    this.#closed = true
    this.flush()
    clearTimeout(this.#timer)
  }

  #report(
    occurrence: Occurrence,
    fp: string,
    error: { type: string; message: string; stack: string },
    now: number,
  ): IncidentReportInput {
    const scope = occurrence.scope
    const context: Record<string, string> = {}
    if (scope) {
      for (const [key, value] of Object.entries(scope.attributes)) if (value !== undefined) context[key] = value
    }
    const name = occurrence.name ?? ''
    const records = safe(() => this.#parts.records(scope), { lines: [], own: 0 })
    return {
      identity: { ...this.#parts.identity },
      kind: occurrence.kind,
      fingerprint: fp,
      title: occurrence.title ?? titleOf(occurrence.kind, name, error),
      at: now,
      lastAt: now,
      error,
      records: records.lines,
      ownRecords: records.own,
      context,
      count: 1,
      histograms: safe(() => this.#parts.histograms(), []),
      name,
      repeat: false,
      quarantineRequested: this.#parts.autoQuarantine.has(occurrence.kind),
      // A crashed process's spooled report must not collide with its successor's sequence.
      seq: ++this.#seq,
    }
  }

  #send(bytes: Uint8Array): void {
    this.sent++
    try {
      this.#parts.publish(bytes)
    } catch {
      // the telemetry buffer counts what it could not send
    }
  }

  #admitNew(now: number): boolean {
    const minute = Math.floor(now / 60_000)
    if (minute !== this.#minute) {
      this.#minute = minute
      this.#newInMinute = 0
    }
    return ++this.#newInMinute <= ERROR_LOG_PER_MINUTE
  }

  #remember(fp: string, seen: Seen): void {
    if (this.#seen.size >= MAX_FINGERPRINTS) {
      const oldest = this.#seen.keys().next().value as string
      this.#seen.delete(oldest)
    }
    this.#seen.set(fp, seen)
  }

  #schedule(): void {
    if (this.#timer || this.#closed) return
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      this.flush()
    }, REPEAT_FLUSH_MS)
    this.#timer.unref()
  }
}

function titleOf(kind: IncidentKind, name: string, error: { type: string; message: string }): string {
  const what = kind === 'assert' ? `assert failed: ${name}` : kind === 'check' ? `check failed: ${name}` : error.type
  const message = error.message.length > 160 ? `${error.message.slice(0, 157)}...` : error.message
  return kind === 'assert' && message === name ? what : `${what}: ${message}`
}

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn()
  } catch {
    return fallback
  }
}
