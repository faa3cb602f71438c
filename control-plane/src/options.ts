import { MAX_BUDGET_BYTES_PER_SEC, MAX_BUDGET_RECORDS_PER_SEC } from '@prodbench/sdk/core'
import { z } from 'zod'
import {
  DEFAULT_MAX_BUDGET,
  DEFAULT_MAX_DEBUG_TTL_MS,
  DEFAULT_TAIL_MAX_TTL_MS,
  DEFAULT_TAIL_TTL_MS,
} from './api/rule-limits.js'
import { InvalidOptionsError } from './errors.js'
import { MAX_WAIT_MS } from './grpc/requests.js'
import { AlertOptions, IncidentOptions, PublicUrl } from './incidents/incident-options.js'
import { NatsCredentials } from './security/nats-credentials.js'
import { SecurityOptions } from './security/security-options.js'

/** Default gRPC address of the control plane. */
export const DEFAULT_GRPC_ADDRESS = '127.0.0.1:7420'
/** Default address of the HTTP gateway and admin UI (the `control-plane` command's; `startControlPlane` serves none unless `http` is given). */
export const DEFAULT_HTTP_ADDRESS = '127.0.0.1:7421'
/** Default data directory (relative to the working directory). */
export const DEFAULT_DATA_DIR = '.prodbench'
/** File in the data dir where the `control-plane` command writes `{natsUrl, grpc, pid}` while it runs. */
export const STATE_FILE = 'control-plane.json'
/** Port the embedded nats-server takes when it is free. */
export const DEFAULT_NATS_PORT = 4222

const HOST_PORT = /^(\[[^\]]+\]|[^:\s]+):(\d{1,5})$/

/** `startControlPlane` options; validated once, then frozen. */
export const ControlPlaneOptions = z.object({
  /**
   * NATS server URL(s) to use. When omitted, an embedded nats-server (with
   * JetStream) is started in `<dataDir>/nats`, on port 4222 if free, else a free port.
   * @default undefined (embedded)
   */
  nats: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  /**
   * gRPC listen address `host:port`; port 0 picks a free one.
   * @default '127.0.0.1:7420'
   */
  grpc: z
    .string()
    .regex(HOST_PORT, 'must be HOST:PORT, e.g. 127.0.0.1:7420')
    .refine((v) => Number(HOST_PORT.exec(v)?.[2]) <= 65_535, 'port must be 0-65535')
    .default(DEFAULT_GRPC_ADDRESS),
  /**
   * HTTP/JSON gateway and admin UI listen address `host:port`; port 0 picks a
   * free one. Absent: no HTTP server (the `control-plane` command defaults to
   * 127.0.0.1:7421).
   * @default undefined (none)
   */
  http: z
    .string()
    .regex(HOST_PORT, 'must be HOST:PORT, e.g. 127.0.0.1:7421')
    .refine((v) => Number(HOST_PORT.exec(v)?.[2]) <= 65_535, 'port must be 0-65535')
    .optional(),
  /**
   * When the `http` port is taken, listen on a free port instead of failing
   * (the `control-plane` command does this for its default address only).
   * @default false
   */
  httpFallbackToFreePort: z.boolean().default(false),
  /**
   * Folder of the built admin UI (`npm run build:ui` writes control-plane/ui/dist).
   * @default control-plane/ui/dist
   */
  uiDir: z.string().min(1).optional(),
  /**
   * Where the embedded nats-server keeps its JetStream store (`<dataDir>/nats`).
   * @default '.prodbench'
   */
  dataDir: z.string().min(1).default(DEFAULT_DATA_DIR),
  /**
   * How long a change waits for acks when the request does not say.
   * @default 5000
   */
  defaultWaitMs: z.number().int().min(1).max(MAX_WAIT_MS).default(5_000),
  /**
   * Replicas of the KV bucket when the control plane creates it (3 on an R3 cluster).
   * @default 1
   */
  kvReplicas: z.number().int().min(1).max(5).default(1),
  /**
   * Most unexpired capture rules one service may hold; SetRule beyond it fails
   * with PB_TOO_MANY_CAPTURES (RESOURCE_EXHAUSTED).
   * @default 8
   */
  maxCaptures: z.number().int().min(1).max(1_000).default(8),
  /**
   * Bounds of the histogram merger (history kept, memory, watch queues).
   * @default see {@link HistogramLimits}
   */
  histograms: z
    .object({
      /**
       * Closed windows kept per capture and metric (also bounded by `historyMs`).
       * @default 300
       */
      historyWindows: z.number().int().min(1).max(100_000).default(300),
      /**
       * Age past which a closed window is dropped from the history.
       * @default 600000 (10 min)
       */
      historyMs: z.number().int().min(1_000).default(600_000),
      /**
       * Most (capture, metric) series tracked at once; snapshots of more are refused and counted.
       * @default 1000
       */
      maxSeries: z.number().int().min(1).default(1_000),
      /**
       * Memory budget of the kept history (encoded histograms); the oldest windows go first beyond it.
       * @default 134217728 (128 MiB)
       */
      maxHistoryBytes: z
        .number()
        .int()
        .min(1_024)
        .default(128 * 1024 * 1024),
      /**
       * Windows queued per WatchHistogram stream for a slow client; beyond it the oldest are dropped (counted).
       * @default 64
       */
      streamQueue: z.number().int().min(1).max(10_000).default(64),
    })
    .prefault({}),
  /**
   * Bounds of the counter/gauge merger (history kept, memory, watch queues).
   * @default see {@link ScalarLimits}
   */
  scalars: z
    .object({
      /**
       * Closed windows kept per capture (also bounded by `historyMs`).
       * @default 300
       */
      historyWindows: z.number().int().min(1).max(100_000).default(300),
      /**
       * Age past which a closed window is dropped from the history.
       * @default 600000 (10 min)
       */
      historyMs: z.number().int().min(1_000).default(600_000),
      /**
       * Most series (metric × label set) one window may hold; snapshots that would pass it are refused and counted.
       * @default 10000
       */
      maxSeries: z.number().int().min(1).max(1_000_000).default(10_000),
      /**
       * Memory budget of the kept history (estimated); the oldest windows go first beyond it.
       * @default 67108864 (64 MiB)
       */
      maxHistoryBytes: z
        .number()
        .int()
        .min(1_024)
        .default(64 * 1024 * 1024),
      /**
       * Windows queued per WatchMetrics stream for a slow client; beyond it the oldest are dropped (counted).
       * @default 64
       */
      streamQueue: z.number().int().min(1).max(10_000).default(64),
    })
    .prefault({}),
  /**
   * Highest log budget a rule may set per instance; SetRule with a budget
   * above it fails with PB_OVER_CEILING (INVALID_ARGUMENT naming the field).
   * @default { recordsPerSec: 50000, bytesPerSec: 67108864 } (64 MiB/s)
   */
  maxBudget: z
    .object({
      /** @default 50000 */
      recordsPerSec: z.number().int().min(1).max(MAX_BUDGET_RECORDS_PER_SEC).default(DEFAULT_MAX_BUDGET.recordsPerSec),
      /** @default 67108864 (64 MiB) */
      bytesPerSec: z.number().int().min(1).max(MAX_BUDGET_BYTES_PER_SEC).default(DEFAULT_MAX_BUDGET.bytesPerSec),
    })
    .prefault({}),
  /**
   * Bounds of live tails (Tail and tail rules set with SetRule).
   * @default see each field
   */
  tails: z
    .object({
      /**
       * Most tails this control plane streams at once; one more fails with PB_TOO_MANY_TAILS (RESOURCE_EXHAUSTED).
       * @default 16
       */
      maxConcurrent: z.number().int().min(1).max(10_000).default(16),
      /**
       * TTL of a tail that asks for none.
       * @default 600000 (10 min)
       */
      defaultTtlMs: z.number().int().min(1_000).max(86_400_000).default(DEFAULT_TAIL_TTL_MS),
      /**
       * Longest TTL a tail may ask for (at most a day); more fails with PB_OVER_CEILING.
       * @default 3600000 (1 h)
       */
      maxTtlMs: z.number().int().min(1_000).max(86_400_000).default(DEFAULT_TAIL_MAX_TTL_MS),
      /**
       * Record bytes queued per tail for a viewer that reads slowly; beyond it the oldest batches are dropped (counted).
       * @default 1048576 (1 MiB)
       */
      queueBytes: z
        .number()
        .int()
        .min(1_024)
        .default(1024 * 1024),
      /**
       * Batches queued per tail for a viewer that reads slowly.
       * @default 256
       */
      queueEvents: z.number().int().min(1).max(100_000).default(256),
    })
    .prefault({})
    .refine((t) => t.defaultTtlMs <= t.maxTtlMs, {
      message: 'defaultTtlMs must not exceed maxTtlMs',
      path: ['defaultTtlMs'],
    }),
  /**
   * Flight-recorder dumps (Dump).
   * @default see each field
   */
  dumps: z
    .object({
      /**
       * How long a dump waits for the instances when the request does not say.
       * @default 2000
       */
      defaultWaitMs: z.number().int().min(1).max(MAX_WAIT_MS).default(2_000),
      /**
       * Most record bytes one Dump answer carries over all instances; beyond it each keeps its newest records.
       * @default 33554432 (32 MiB)
       */
      maxResponseBytes: z
        .number()
        .int()
        .min(1_024)
        .default(32 * 1024 * 1024),
    })
    .prefault({}),
  /**
   * Path of the nats-server binary for the embedded server.
   * @default the first `nats-server` on PATH, else /usr/sbin/nats-server
   */
  natsServerBinary: z.string().min(1).optional(),
  /**
   * Incidents: the stream's limits and the automatic quarantine cap.
   * @default see {@link IncidentOptions}
   */
  incidents: IncidentOptions,
  /**
   * Alerts about new incidents and digests of repeats: webhooks, email.
   * @default none (no alert is sent)
   */
  alerts: AlertOptions,
  /**
   * Base URL of the admin UI in alert links: `<publicUrl>/#/incidents/<id>`.
   * @default `http://<the HTTP address>`, or http://127.0.0.1:7421 without HTTP
   */
  publicUrl: PublicUrl.optional(),
  /**
   * Authentication (tokens), the viewer redaction, the embedded server's
   * NATS security and the audit stream's limits. Programmatic default: NO
   * authentication (every caller is an anonymous admin); the `control-plane`
   * command requires tokens unless started with `--insecure-no-auth`.
   * @default see {@link SecurityOptions}
   */
  security: SecurityOptions,
  /**
   * How the control plane authenticates to NATS (user/password, nkey seed
   * file, creds file) and TLS; for a server given with `nats`. The embedded
   * server's credentials are generated and used without this.
   * @default none
   */
  natsCredentials: NatsCredentials.optional(),
  /**
   * Longest TTL of a level rule at debug or trace (sample and record rules
   * are bounded by budgets instead); such a rule without TTL gets this one, a
   * longer one fails with PB_OVER_CEILING naming `maxDebugTtlMs`.
   * @default 3600000 (1 h)
   */
  maxDebugTtlMs: z
    .number()
    .int()
    .min(1_000)
    .max(366 * 86_400_000)
    .default(DEFAULT_MAX_DEBUG_TTL_MS),
  /**
   * Receives problems that fail no request (a corrupt KV value while listing,
   * an unexpected error answered as INTERNAL).
   * @default writes `control-plane: <message>` to stderr
   */
  onWarning: z.custom<(message: string) => void>((v) => typeof v === 'function', 'must be a function').optional(),
})

/** What callers pass to `startControlPlane`. */
export type ControlPlaneOptions = z.input<typeof ControlPlaneOptions>
/** The `histograms` option after defaults. */
export type HistogramLimits = ResolvedOptions['histograms']
/** The `scalars` option after defaults. */
export type ScalarLimits = ResolvedOptions['scalars']
/** Options after defaults, as the control plane uses them. */
export type ResolvedOptions = Readonly<z.output<typeof ControlPlaneOptions>>

/**
 * Merges defaults and validates, once; the result is frozen.
 * @throws {InvalidOptionsError} naming the bad field and value
 */
export function resolveOptions(options: ControlPlaneOptions = {}): ResolvedOptions {
  const parsed = ControlPlaneOptions.safeParse(options)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = issue?.path.join('.') || '(options)'
    const value = issue?.path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown>)?.[k], options)
    throw new InvalidOptionsError(`${field}: ${issue?.message} (got ${JSON.stringify(value)})`)
  }
  return Object.freeze(parsed.data)
}

/** Splits `host:port` (validated by {@link ControlPlaneOptions}); `[::1]` loses its brackets. */
export function splitHostPort(address: string): { host: string; port: number } {
  const match = HOST_PORT.exec(address)
  if (!match) throw new InvalidOptionsError(`${address} is not HOST:PORT`)
  return { host: (match[1] as string).replace(/^\[|\]$/g, ''), port: Number(match[2]) }
}
