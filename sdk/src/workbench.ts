import type { IncomingMessage, ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { codecs, type HeartbeatInput, type HistogramSnapshotInput } from '@prodbench/proto'
import pino, { type Logger } from 'pino'
import { type CheckOptions, CheckSet } from './checks/check-set.js'
import type { CheckResult } from './checks/sanity-check.js'
import { currentScope, type RequestScope } from './context/request-context.js'
import type { EffectiveConfig } from './core/index.js'
import type { Identity } from './identity.js'
import { CrashSpool } from './incidents/crash-spool.js'
import { CrashWatch } from './incidents/crash-watch.js'
import { type IncidentKind, IncidentReporter } from './incidents/incident-reporter.js'
import { InspectorSession } from './inspector/inspector-session.js'
import type { FlightRecorder, RecorderLimits } from './logging/flight-recorder.js'
import type { LogEngine } from './logging/log-engine.js'
import type { Histogram } from './metrics/histogram.js'
import { QuarantineControl, type QuarantineHook, type QuarantineState } from './quarantine/quarantine.js'

/** Thrown by `pb.assert` when asserts are set to throw (tests). */
export class AssertionFailedError extends Error {
  override name = 'AssertionFailedError'
  readonly code = 'PB_ASSERT'
}

/** A registered check, as `pb.check()` returns it. */
export interface CheckHandle {
  readonly name: string
  /** Runs it now (or joins the run in progress). Never rejects. */
  run(): Promise<CheckResult>
  /** Stops its schedule. */
  close(): void
}

/** Options of the workbench, resolved. */
export interface WorkbenchOptions {
  readonly asserts: 'log' | 'throw'
  readonly errorLogIncidents: boolean
  readonly crashIncidents: boolean
  readonly spoolDir: string | undefined
  readonly autoQuarantine: readonly IncidentKind[]
  readonly inspector: { readonly enabled: boolean; readonly port: number }
  /** Flight-recorder bounds while quarantined. */
  readonly quarantineRecorder: RecorderLimits
}

/** What the workbench needs from the SDK around it. */
export interface WorkbenchParts {
  readonly identity: Identity
  readonly engine: LogEngine
  readonly recorder: FlightRecorder | undefined
  readonly logger: (name: string) => Logger
  readonly histogram: (name: string) => Histogram
  /** Sends a report; `instance` names a spooled report's dead sender (its subject must match its identity). */
  readonly publishIncident: (bytes: Uint8Array, instance?: string) => void
  readonly diagnose: (event: string, message: string, error?: unknown) => void
  /** A quarantine started or ended: the SDK re-applies its config (levels). */
  readonly quarantineChanged: () => void
}

/** Incident records: the request's own, then the instance's, at most this many each. */
const INCIDENT_RECORDS = 100
/** Histogram windows older than this are not "around" an incident. */
const WINDOW_AGE_MS = 5 * 60_000

/**
 * Production as a bench: asserts, sanity checks, incidents (from asserts,
 * checks, crashes and error logs), quarantine and the inspector, composed
 * for the SDK. Never throws into the host, but for asserts set to throw.
 */
export class Workbench {
  readonly incidents: IncidentReporter
  readonly checks: CheckSet
  readonly quarantine: QuarantineControl
  readonly inspector: InspectorSession
  readonly #parts: WorkbenchParts
  readonly #options: WorkbenchOptions
  readonly #spool: CrashSpool | undefined
  readonly #crashes: CrashWatch | undefined
  readonly #windows = new Map<string, HistogramSnapshotInput>()
  readonly #assertCounts = new Map<string, number>()
  #normalRecorder: RecorderLimits | undefined

  constructor(parts: WorkbenchParts, options: WorkbenchOptions) {
    this.#parts = parts
    this.#options = options
    this.#spool = options.spoolDir ? new CrashSpool(options.spoolDir) : undefined
    this.incidents = new IncidentReporter({
      identity: parts.identity,
      publish: parts.publishIncident,
      records: (scope) => this.#records(scope),
      histograms: () => this.#recentWindows(),
      autoQuarantine: new Set(options.autoQuarantine),
      ...(this.#spool ? { spool: this.#spool } : {}),
    })
    this.checks = new CheckSet((name, result, error) => this.#checked(name, result, error))
    this.quarantine = new QuarantineControl((event, error) =>
      parts.diagnose(event, error instanceof Error ? error.message : String(error), error),
    )
    this.inspector = new InspectorSession(options.inspector)
    if (options.crashIncidents) {
      this.#crashes = new CrashWatch((error, kind) => {
        this.incidents.crash({ kind, error, scope: currentScope() })
        parts
          .logger('')
          .fatal(
            { err: error, event: kind },
            `prodbench: ${kind === 'uncaught' ? 'uncaught exception' : 'unhandled rejection'}`,
          )
        flushLogs(parts.logger(''))
      })
    }
  }

  /** The default crash spool folder of a service. */
  static spoolDirFor(service: string): string {
    return join(tmpdir(), 'prodbench-spool', service)
  }

  /** Sends reports spooled by a crashed predecessor (called once connected). */
  sendSpooled(): number {
    const reports = this.#spool?.take() ?? []
    for (const bytes of reports) {
      try {
        const sender = codecs.incidentReport.decode(bytes).identity?.instance
        this.#parts.publishIncident(bytes, sender || undefined)
      } catch {
        // a torn spool file: nothing to send
      }
    }
    return reports.length
  }

  /** An error (or fatal) record with an error object was logged. */
  errorLogged(error: Error, logger: string, scope: RequestScope | undefined): void {
    if (!this.#options.errorLogIncidents || logger === 'prodbench') return
    this.incidents.open({ kind: 'error-log', name: logger, error, scope })
  }

  /** `pb.assert`. */
  assert(condition: unknown, message: string, context?: Record<string, unknown>): boolean {
    if (condition) return true
    const name = String(message).slice(0, 200)
    this.#assertCounts.set(name, (this.#assertCounts.get(name) ?? 0) + 1)
    const error = new AssertionFailedError(name)
    Error.captureStackTrace(error, this.assert)
    try {
      this.#parts.engine.quietly(() =>
        this.#parts.logger('').error({ ...context, assert: name, event: 'assert' }, `assert failed: ${name}`),
      )
      this.incidents.open({ kind: 'assert', name, error, scope: currentScope() })
    } catch (err) {
      this.#parts.diagnose('assert', err instanceof Error ? err.message : String(err), err)
    }
    if (this.#options.asserts === 'throw') throw error
    return false
  }

  /** Failed asserts per name since start. */
  get assertCounts(): ReadonlyMap<string, number> {
    return this.#assertCounts
  }

  /** `pb.check`. */
  check(name: string, fn: () => unknown, options?: CheckOptions): CheckHandle {
    const check = this.checks.add(name, fn, options)
    return { name, run: () => check.run('request'), close: () => check.close() }
  }

  /** Follows a new config: check rules, the quarantine rule. */
  update(config: EffectiveConfig): void {
    this.checks.update(config.checks)
    if (this.quarantine.update(config.quarantine)) {
      this.#resizeRecorder(this.quarantine.state.active)
      this.#parts.quarantineChanged()
    }
  }

  /** Keeps the last closed window of each captured histogram, for incidents. */
  window(snapshot: HistogramSnapshotInput): void {
    if (snapshot.metric) this.#windows.set(String(snapshot.metric), snapshot)
  }

  /** Heartbeat fields. */
  heartbeat(): Pick<HeartbeatInput, 'checks' | 'quarantine'> {
    const q: QuarantineState = this.quarantine.state
    return {
      checks: this.checks.infos(),
      quarantine: {
        active: q.active,
        ruleId: q.ruleId ?? '',
        reason: q.reason ?? '',
        author: q.author ?? '',
        since: q.since ?? 0,
      },
    }
  }

  /** A readiness handler: 503 while quarantined. */
  readinessHandler(ready?: () => boolean): (req: IncomingMessage, res: ServerResponse) => void {
    return this.quarantine.handler(ready)
  }

  onQuarantine(hook: QuarantineHook): () => void {
    return this.quarantine.onEnter(hook)
  }

  onRelease(hook: QuarantineHook): () => void {
    return this.quarantine.onRelease(hook)
  }

  close(): void {
    this.#crashes?.close()
    this.checks.close()
    this.incidents.close()
    this.inspector.close()
  }

  #checked(name: string, result: CheckResult, error: unknown): void {
    try {
      this.#parts.histogram(`prodbench.checks.${name}.duration`).record(result.durationMs)
    } catch {
      // a bad metric name is made valid by the registry and reported there
    }
    if (!result.ok) {
      this.#parts.engine.quietly(() =>
        this.#parts
          .logger('prodbench')
          .error(
            { event: 'check', check: name, err: error, durationMs: result.durationMs },
            `prodbench: check "${name}" failed: ${result.error}`,
          ),
      )
      this.incidents.open({ kind: 'check', name, error: error ?? new Error(result.error ?? 'failed') })
    }
  }

  #records(scope: RequestScope | undefined): { lines: string[]; own: number } {
    const engine = this.#parts.engine
    const own = scope ? engine.dump({ last: INCIDENT_RECORDS, scope }) : []
    const recent = engine.dump({ last: INCIDENT_RECORDS, ...(scope ? { notScope: scope } : {}) })
    return { lines: [...own, ...recent], own: own.length }
  }

  #recentWindows(): HistogramSnapshotInput[] {
    const since = Date.now() - WINDOW_AGE_MS
    return [...this.#windows.values()].filter((w) => Number(w.endMs ?? 0) >= since)
  }

  #resizeRecorder(quarantined: boolean): void {
    const recorder = this.#parts.recorder
    if (!recorder) return
    if (quarantined) {
      this.#normalRecorder ??= recorder.limits
      recorder.resize(this.#options.quarantineRecorder)
    } else if (this.#normalRecorder) {
      recorder.resize(this.#normalRecorder)
      this.#normalRecorder = undefined
    }
  }
}

/** Flushes the log destination synchronously when it can (the process is about to die). */
function flushLogs(logger: Logger): void {
  try {
    const stream = (logger as unknown as Record<symbol, { flushSync?: () => void }>)[pino.symbols.streamSym]
    stream?.flushSync?.()
  } catch {
    // nothing more to do
  }
}
