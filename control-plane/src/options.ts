import { z } from 'zod'
import { InvalidOptionsError } from './errors.js'
import { MAX_WAIT_MS } from './grpc/requests.js'

/** Default gRPC address of the control plane. */
export const DEFAULT_GRPC_ADDRESS = '127.0.0.1:7420'
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
   * Path of the nats-server binary for the embedded server.
   * @default the first `nats-server` on PATH, else /usr/sbin/nats-server
   */
  natsServerBinary: z.string().min(1).optional(),
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
