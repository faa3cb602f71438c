import type { ConnectionOptions } from 'nats'
import type { DestinationStream, LoggerOptions } from 'pino'
import { z } from 'zod'
import { describeZodError, firstZodPath, InstanceId, Level, loggerNameProblem, ServiceName } from './core/index.js'
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
  const input = options.nats === '' ? { ...options, nats: undefined } : options
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
  })
}
