import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import { DESIRED_STATE_BUCKET } from '@prodbench/sdk/core'
import { ControlApi } from './api/control-api.js'
import { errorMessage, NatsServerStartError } from './errors.js'
import { type GrpcServerHandle, startGrpcServer } from './grpc/grpc-server.js'
import { CaptureTracker, HistogramHub, type HistogramStats } from './histograms/index.js'
import { connectNats, type NatsLink, type NatsServerHandle, startNatsServer } from './nats/index.js'
import { type ControlPlaneOptions, DEFAULT_NATS_PORT, resolveOptions, splitHostPort } from './options.js'
import { feedRegistry, InstanceRegistry, type RegistryFeed, type RegistryStats } from './registry/index.js'
import { ScalarHub, type ScalarStats } from './scalars/index.js'
import { DesiredStore } from './state/desired-store.js'

/** Revisions of each service's desired state kept in KV (for `nats kv history`). */
const KV_HISTORY = 10

/** What `ControlPlane.stats()` reports. */
export interface ControlPlaneStats extends RegistryStats {
  readonly histograms: HistogramStats
  /** The counter/gauge merger's counters. */
  readonly scalars: ScalarStats
}

/** A running control plane. */
export interface ControlPlane {
  /** The actual gRPC `host:port` (the port chosen when 0 was asked). */
  readonly grpcAddress: string
  /** The NATS URL in use: the embedded server's when `nats` was omitted. */
  readonly natsUrl: string
  /** The embedded nats-server, when the control plane started one. */
  readonly embeddedNats: NatsServerHandle | undefined
  /**
   * Registry counts (including heartbeats/acks refused as malformed) and the
   * histogram merger's counters (snapshots merged, refused by reason, late, lost...).
   */
  stats(): ControlPlaneStats
  /** Stops gRPC (letting calls in flight end), drains NATS, stops the embedded server. Idempotent. */
  close(): Promise<void>
}

/**
 * Starts the control plane: NATS (embedded unless `nats` is given), the
 * desired-state KV bucket, the instance registry and the gRPC server.
 * Whatever was started is stopped again when a later step fails.
 * @throws {InvalidOptionsError} for bad options
 * @throws {UnavailableError} when NATS cannot be reached
 * @throws {NatsServerMissingError} when the embedded server is needed and nats-server is not installed
 * @throws {GrpcBindError} when the gRPC address is taken
 */
export async function startControlPlane(options: ControlPlaneOptions = {}): Promise<ControlPlane> {
  const opts = resolveOptions(options)
  const warn = opts.onWarning ?? ((message: string) => process.stderr.write(`control-plane: ${message}\n`))
  const closers: Array<() => Promise<void> | void> = []
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) {
      try {
        await close()
      } catch (err) {
        warn(`while closing: ${errorMessage(err)}`)
      }
    }
  }

  try {
    let embedded: NatsServerHandle | undefined
    let natsUrl: string
    if (opts.nats === undefined) {
      const start = (port: number) =>
        startNatsServer({
          port,
          storeDir: resolve(join(opts.dataDir, 'nats')),
          ...(opts.natsServerBinary ? { binary: opts.natsServerBinary } : {}),
        })
      if (await isPortFree('127.0.0.1', DEFAULT_NATS_PORT)) {
        // Another process may take the port between the probe and the start: then take any free one.
        embedded = await start(DEFAULT_NATS_PORT).catch((err) => {
          if (err instanceof NatsServerStartError) return start(0)
          throw err
        })
      } else {
        embedded = await start(0)
      }
      closers.push(() => embedded?.stop())
      natsUrl = embedded.url
    } else {
      natsUrl = Array.isArray(opts.nats) ? opts.nats.join(',') : opts.nats
    }

    const link: NatsLink = await connectNats({
      servers: opts.nats ?? natsUrl,
      name: 'prodbench-control-plane',
      onError: (err) => warn(`NATS handler: ${errorMessage(err)}`),
    })
    closers.push(() => link.close())
    const kv = await link.openKv(DESIRED_STATE_BUCKET, { history: KV_HISTORY, replicas: opts.kvReplicas })

    const registry = new InstanceRegistry()
    const feed: RegistryFeed = feedRegistry(link, registry)
    closers.push(() => feed.close())

    const store = new DesiredStore(kv)
    // One view of the captures (one KV watch) for both mergers.
    const captures = new CaptureTracker({ link, kv, store, warn })
    const histograms = new HistogramHub({ link, captures, registry, limits: opts.histograms })
    const scalars = new ScalarHub({ link, captures, registry, limits: opts.scalars })
    histograms.start()
    scalars.start()
    captures.start()
    closers.push(() => captures.close())
    closers.push(() => histograms.close())
    closers.push(() => scalars.close())

    const aborter = new AbortController()
    const api = new ControlApi({
      store,
      registry,
      defaultWaitMs: opts.defaultWaitMs,
      maxCaptures: opts.maxCaptures,
      signal: aborter.signal,
      warn,
    })
    const { host, port } = splitHostPort(opts.grpc)
    const grpc: GrpcServerHandle = await startGrpcServer(api, { histograms, scalars }, host, port, (err) =>
      warn(`internal error answered as INTERNAL: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
    )
    closers.push(() => grpc.close())
    // Closed first (closers run in reverse): rollout waits in flight answer at once with what they know,
    // and watch streams end (UNAVAILABLE) so the gRPC shutdown does not wait for them.
    closers.push(() => histograms.close())
    closers.push(() => scalars.close())
    closers.push(() => aborter.abort())

    let closing: Promise<void> | undefined
    return Object.freeze({
      grpcAddress: grpc.address,
      natsUrl,
      embeddedNats: embedded,
      stats: () => ({ ...registry.stats(), histograms: histograms.stats(), scalars: scalars.stats() }),
      close: () => {
        closing ??= closeAll()
        return closing
      },
    })
  } catch (err) {
    await closeAll()
    throw err
  }
}

/** True when nothing listens on host:port right now (a probe: another process may still take it). */
function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const probe = createServer()
    probe.once('error', () => resolvePromise(false))
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolvePromise(true)))
  })
}
