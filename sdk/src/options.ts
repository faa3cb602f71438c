import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ConnectionOptions } from 'nats'
import type { DestinationStream, LoggerOptions } from 'pino'
import { z } from 'zod'
import {
  describeZodError,
  firstZodPath,
  InstanceId,
  Level,
  loggerNameProblem,
  MAX_BUDGET_BYTES_PER_SEC,
  MAX_BUDGET_RECORDS_PER_SEC,
  ServiceName,
} from './core/index.js'
import type { DiagnosticSink } from './diagnostics.js'
import { InvalidOptionsError } from './errors.js'
import { defaultInstanceId } from './identity.js'

/** Options of {@link init}. */
export interface SdkOptions {
  /** Service name: letters, digits, `_` and `-`. Required. */
  service: string
  /**
   * NATS server URL(s) or nats.js connection options. When absent the SDK
   * runs locally with the code's defaults and no remote control.
   * @default undefined
   */
  nats?: string | string[] | ConnectionOptions
  /**
   * This instance's id, unique within the service.
   * @default `<host>-<pid>-<4 hex>`
   */
  instance?: string
  /**
   * Level of every logger when no rule and no `levels` entry says otherwise.
   * @default 'info'
   */
  level?: Level
  /**
   * Code defaults per logger name, hierarchical by dots (`{ 'db.pool': 'warn' }`).
   * Any matching rule overrides them.
   * @default {}
   */
  levels?: Record<string, Level>
  /**
   * Where log lines go: a pino destination or any writable stream.
   * @default process.stdout
   */
  destination?: DestinationStream | NodeJS.WritableStream
  /**
   * pino options passed through (serializers, redact, formatters, base, ...).
   * `level` is managed by prodbench and ignored here.
   * @default {}
   */
  pino?: LoggerOptions
  /**
   * Heartbeat interval; the control plane counts an instance gone after three missed.
   * @default 5000
   */
  heartbeatIntervalMs?: number
  /**
   * `ready()` resolves at the latest after this long, even with NATS unreachable.
   * @default 2000
   */
  startupTimeoutMs?: number
  /**
   * Wait between connection attempts (first connect and reconnects).
   * @default 1000
   */
  reconnectTimeWaitMs?: number
  /**
   * How often the SDK re-reads its desired state as a safety net beside the watch.
   * @default 30000
   */
  resyncIntervalMs?: number
  /**
   * Most captures this instance runs at once; more are refused and reported.
   * @default 8
   */
  maxCaptures?: number
  /**
   * Histogram snapshots kept while NATS is unreachable, sent when it is back;
   * beyond this the oldest are dropped and counted.
   * @default 300
   */
  telemetryBufferSize?: number
  /**
   * Log budget of this instance: most records and bytes per second written.
   * Over it, records are dropped lowest level first, counted per logger and
   * level, and one summary record per second says what was dropped. A budget
   * rule overrides it live (within the control plane's ceiling). `false`: no budget.
   * @default { recordsPerSec: 10000, bytesPerSec: 10485760 }
   */
  budget?: { recordsPerSec?: number; bytesPerSec?: number } | false
  /**
   * The flight recorder: a ring of the most recent records written, and of
   * records kept below the effective level when `level` (or a record rule)
   * asks for it. `false` turns it off.
   * @default { maxRecords: 1000, maxBytes: 1048576, maxRecorded: 1000, perRequest: 100 }
   */
  flightRecorder?:
    | { maxRecords?: number; maxBytes?: number; maxRecorded?: number; perRequest?: number; level?: Level }
    | false
  /**
   * Fleet secret signing the level decisions carried to downstream services
   * in W3C `baggage` (at least 16 characters, the same in every service).
   * Without it, decisions are neither propagated nor trusted.
   * @default process.env.PRODBENCH_PROPAGATION_KEY
   */
  propagationKey?: string
  /**
   * Read the active OpenTelemetry span when `@opentelemetry/api` is
   * installed: records get `trace_id` and `span_id`, and a request's `trace`
   * attribute is its trace id (else the `traceparent` header's).
   * @default true
   */
  otel?: boolean
  /**
   * What a failed `pb.assert` does besides logging and opening an incident:
   * `'throw'` throws an AssertionFailedError (for tests), `'log'` returns false.
   * @default 'throw' when NODE_ENV is 'test', else 'log'
   */
  asserts?: 'log' | 'throw'
  /**
   * Which failures open incidents besides asserts and checks: error records
   * logged with an error object (rate-limited, de-duplicated), and uncaught
   * exceptions / unhandled rejections (spooled to `spoolDir` when the process
   * dies, sent by the next instance).
   * @default { errorLogs: true, crashes: true, spoolDir: <tmpdir>/prodbench-spool/<service> }
   */
  incidents?: { errorLogs?: boolean; crashes?: boolean; spoolDir?: string | false }
  /**
   * Incident kinds that ask the control plane to quarantine this instance
   * (it applies a cap per service), e.g. `['uncaught', 'assert']`.
   * @default []
   */
  autoQuarantine?: Array<'assert' | 'check' | 'uncaught' | 'unhandled-rejection' | 'error-log'>
  /**
   * Lets `ctl inspect` open the Node inspector on 127.0.0.1 (port 0: a free one).
   * @default false
   */
  inspector?: boolean | { port?: number }
  /**
   * Called with each of the SDK's own diagnostics (also on the `prodbench:sdk`
   * diagnostics channel and the `prodbench` logger).
   * @default undefined
   */
  onDiagnostic?: DiagnosticSink
}

const LoggerName = z.string().superRefine((value, ctx) => {
  const why = loggerNameProblem(value)
  if (why) ctx.addIssue({ code: 'custom', message: why, input: value })
})

const Schema = z.strictObject({
  service: ServiceName,
  nats: z.union([z.string().min(1), z.array(z.string().min(1)).min(1), z.looseObject({})]).optional(),
  instance: InstanceId.optional(),
  level: Level.default('info'),
  levels: z.record(LoggerName, Level).default({}),
  destination: z
    .custom<DestinationStream>((value) => typeof (value as { write?: unknown })?.write === 'function', {
      message: 'must be a pino destination or a writable stream (an object with write())',
    })
    .optional(),
  pino: z.looseObject({}).default({}),
  heartbeatIntervalMs: z.number().int().min(50).max(300_000).default(5_000),
  startupTimeoutMs: z.number().int().min(0).max(60_000).default(2_000),
  reconnectTimeWaitMs: z.number().int().min(10).max(60_000).default(1_000),
  resyncIntervalMs: z.number().int().min(1_000).max(3_600_000).default(30_000),
  maxCaptures: z.number().int().min(0).max(64).default(8),
  telemetryBufferSize: z.number().int().min(0).max(100_000).default(300),
  onDiagnostic: z.custom<DiagnosticSink>((value) => typeof value === 'function').optional(),
  budget: z
    .union([
      z.literal(false),
      z.strictObject({
        recordsPerSec: z.number().int().nonnegative().max(MAX_BUDGET_RECORDS_PER_SEC).optional(),
        bytesPerSec: z.number().int().nonnegative().max(MAX_BUDGET_BYTES_PER_SEC).optional(),
      }),
    ])
    .optional(),
  flightRecorder: z
    .union([
      z.literal(false),
      z.strictObject({
        maxRecords: z.number().int().nonnegative().max(1_000_000).optional(),
        maxBytes: z.number().int().nonnegative().max(1_073_741_824).optional(),
        maxRecorded: z.number().int().nonnegative().max(1_000_000).optional(),
        perRequest: z.number().int().nonnegative().max(10_000).optional(),
        level: Level.exclude(['silent']).optional(),
      }),
    ])
    .optional(),
  propagationKey: z.string().min(16, 'must be at least 16 characters').optional(),
  otel: z.boolean().default(true),
  asserts: z.enum(['log', 'throw']).optional(),
  incidents: z
    .strictObject({
      errorLogs: z.boolean().optional(),
      crashes: z.boolean().optional(),
      spoolDir: z.union([z.string().min(1), z.literal(false)]).optional(),
    })
    .optional(),
  autoQuarantine: z.array(z.enum(['assert', 'check', 'uncaught', 'unhandled-rejection', 'error-log'])).default([]),
  inspector: z
    .union([z.boolean(), z.strictObject({ port: z.number().int().min(0).max(65_535).optional() })])
    .default(false),
})

/** The code's budget when `budget` is not given. */
export const DEFAULT_BUDGET = Object.freeze({ recordsPerSec: 10_000, bytesPerSec: 10 * 1_048_576 })
/** The flight recorder's bounds when not given. */
export const DEFAULT_RECORDER = Object.freeze({
  maxRecords: 1_000,
  maxBytes: 1_048_576,
  maxRecorded: 1_000,
  perRequest: 100,
})

/** Options after validation and defaults, frozen. */
export interface ResolvedOptions {
  readonly service: string
  readonly instance: string
  readonly nats?: ConnectionOptions
  readonly level: Level
  readonly levels: ReadonlyMap<string, Level>
  readonly destination?: DestinationStream
  readonly pino: LoggerOptions
  readonly heartbeatIntervalMs: number
  readonly startupTimeoutMs: number
  readonly reconnectTimeWaitMs: number
  readonly resyncIntervalMs: number
  readonly maxCaptures: number
  readonly telemetryBufferSize: number
  readonly onDiagnostic?: DiagnosticSink
  readonly budget: { readonly recordsPerSec: number; readonly bytesPerSec: number }
  readonly flightRecorder:
    | { maxRecords: number; maxBytes: number; maxRecorded: number; perRequest: number; level?: Level }
    | undefined
  readonly propagationKey?: string
  readonly otel: boolean
  readonly asserts: 'log' | 'throw'
  readonly incidents: { readonly errorLogs: boolean; readonly crashes: boolean; readonly spoolDir: string | undefined }
  readonly autoQuarantine: ReadonlyArray<'assert' | 'check' | 'uncaught' | 'unhandled-rejection' | 'error-log'>
  readonly inspector: { readonly enabled: boolean; readonly port: number }
}

/**
 * Validates `init` options once and fills defaults.
 * @throws {InvalidOptionsError} naming the first bad option
 */
export function parseOptions(options: SdkOptions): ResolvedOptions {
  // `nats: process.env.NATS_URL` with the variable set but empty means "no NATS".
  if (typeof options !== 'object' || options === null) {
    throw new InvalidOptionsError('', 'prodbench init: options must be an object such as { service: "checkout" }')
  }
  let input = options.nats === '' ? { ...options, nats: undefined } : options
  const envKey = process.env.PRODBENCH_PROPAGATION_KEY
  if (input.propagationKey === undefined && envKey) input = { ...input, propagationKey: envKey }
  const parsed = Schema.safeParse(input, { reportInput: true })
  if (!parsed.success) {
    throw new InvalidOptionsError(firstZodPath(parsed.error), `prodbench init: ${describeZodError(parsed.error)}`)
  }
  const o = parsed.data
  const nats: ConnectionOptions | undefined =
    o.nats === undefined
      ? undefined
      : typeof o.nats === 'string' || Array.isArray(o.nats)
        ? { servers: o.nats }
        : (o.nats as ConnectionOptions)
  return Object.freeze({
    service: o.service,
    instance: o.instance ?? defaultInstanceId(),
    nats,
    level: o.level,
    levels: new Map(Object.entries(o.levels)),
    destination: o.destination,
    pino: o.pino as LoggerOptions,
    heartbeatIntervalMs: o.heartbeatIntervalMs,
    startupTimeoutMs: o.startupTimeoutMs,
    reconnectTimeWaitMs: o.reconnectTimeWaitMs,
    resyncIntervalMs: o.resyncIntervalMs,
    maxCaptures: o.maxCaptures,
    telemetryBufferSize: o.telemetryBufferSize,
    onDiagnostic: o.onDiagnostic,
    budget:
      o.budget === false
        ? { recordsPerSec: 0, bytesPerSec: 0 }
        : {
            recordsPerSec: o.budget?.recordsPerSec ?? DEFAULT_BUDGET.recordsPerSec,
            bytesPerSec: o.budget?.bytesPerSec ?? DEFAULT_BUDGET.bytesPerSec,
          },
    flightRecorder: o.flightRecorder === false ? undefined : { ...DEFAULT_RECORDER, ...o.flightRecorder },
    propagationKey: o.propagationKey,
    otel: o.otel,
    asserts: o.asserts ?? (process.env.NODE_ENV === 'test' ? 'throw' : 'log'),
    incidents: {
      errorLogs: o.incidents?.errorLogs ?? true,
      crashes: o.incidents?.crashes ?? true,
      spoolDir:
        o.incidents?.spoolDir === false
          ? undefined
          : (o.incidents?.spoolDir ?? join(tmpdir(), 'prodbench-spool', o.service)),
    },
    autoQuarantine: o.autoQuarantine,
    inspector: {
      enabled: o.inspector !== false,
      port: typeof o.inspector === 'object' ? (o.inspector.port ?? 0) : 0,
    },
  })
}
