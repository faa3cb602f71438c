import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import { DESIRED_STATE_BUCKET } from '@prodbench/sdk/core'
import { createAlertDispatcher } from './alerts/index.js'
import { ControlApi } from './api/control-api.js'
import type { RuleLimits } from './api/rule-limits.js'
import { CheckRunner, InspectorGateway } from './checks/index.js'
import { DumpGatherer, type DumpStats } from './dumps/index.js'
import { errorMessage, NatsServerStartError } from './errors.js'
import { type GrpcServerHandle, startGrpcServer } from './grpc/grpc-server.js'
import { CaptureTracker, HistogramHub, type HistogramStats } from './histograms/index.js'
import { type HttpGateway, startHttpGateway } from './http/index.js'
import { type IncidentStats, startIncidents } from './incidents/index.js'
import { connectNats, type NatsLink, type NatsServerHandle, startNatsServer } from './nats/index.js'
import {
  type ControlPlaneOptions,
  DEFAULT_HTTP_ADDRESS,
  DEFAULT_NATS_PORT,
  resolveOptions,
  splitHostPort,
} from './options.js'
import { feedRegistry, InstanceRegistry, type RegistryFeed, type RegistryStats } from './registry/index.js'
import { ScalarHub, type ScalarStats } from './scalars/index.js'
import { type EmbeddedNatsSecurity, prepareEmbeddedNats } from './security/embedded-nats.js'
import { guardHandlers } from './security/grpc-guard.js'
import { grpcServerCredentials } from './security/grpc-tls.js'
import { createGatewayAuth } from './security/http-auth.js'
import { describeNatsCredentials } from './security/nats-credentials.js'
import type { SecurityInfo } from './security/security-info.js'
import { startSecurity } from './security/start-security.js'
import { DesiredStore } from './state/desired-store.js'
import { TailHub, type TailStats } from './tails/index.js'

/** Revisions of each service's desired state kept in KV (for `nats kv history`). */
const KV_HISTORY = 10

/** What `ControlPlane.stats()` reports. */
export interface ControlPlaneStats extends RegistryStats {
  readonly histograms: HistogramStats
  /** The counter/gauge merger's counters. */
  readonly scalars: ScalarStats
  /** Live tails: open now, batches and records relayed, records dropped for slow viewers, orphans removed. */
  readonly tails: TailStats
  /** Flight-recorder dumps: asked, answered, missing, trimmed. */
  readonly dumps: DumpStats
  /** Incident reports (received, refused by reason), incidents, alerts, digests, automatic quarantines. */
  readonly incidents: IncidentStats
  /** RunCheck: runs, replies, instances missing, replies refused. */
  readonly checks: { runs: number; replies: number; missing: number; rejected: number }
  /** Audit records stored, and those that could not be stored (reported through onWarning). */
  readonly audit: { recorded: number; failed: number }
}

/** A running control plane. */
export interface ControlPlane {
  /** The actual gRPC `host:port` (the port chosen when 0 was asked). */
  readonly grpcAddress: string
  /** The actual HTTP `host:port` of the gateway and admin UI; undefined when `http` was not given. */
  readonly httpAddress: string | undefined
  /** The NATS URL in use: the embedded server's when `nats` was omitted. */
  readonly natsUrl: string
  /** The embedded nats-server, when the control plane started one. */
  readonly embeddedNats: NatsServerHandle | undefined
  /** Authentication in force and where the generated secrets are (never a secret). */
  readonly security: SecurityInfo
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
    const securityDir = resolve(opts.security.dir ?? join(opts.dataDir, 'security'))
    let embeddedSecurity: EmbeddedNatsSecurity | undefined
    let sdkEnvFile: string | undefined
    if (opts.nats === undefined) {
      // Secured by default: generated nkey identities for the control plane and the SDKs (docs/security.md).
      if (opts.security.embeddedNats === 'secured') embeddedSecurity = await prepareEmbeddedNats(securityDir)
      const start = (port: number) =>
        startNatsServer({
          port,
          storeDir: resolve(join(opts.dataDir, 'nats')),
          ...(opts.natsServerBinary ? { binary: opts.natsServerBinary } : {}),
          ...(embeddedSecurity ? { configFile: embeddedSecurity.configFile } : {}),
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
      sdkEnvFile = await embeddedSecurity?.writeSdkEnv(natsUrl)
    } else {
      natsUrl = Array.isArray(opts.nats) ? opts.nats.join(',') : opts.nats
    }

    const link: NatsLink = await connectNats({
      servers: opts.nats ?? natsUrl,
      name: 'prodbench-control-plane',
      ...(embeddedSecurity || opts.natsCredentials
        ? { credentials: embeddedSecurity?.controlPlane ?? opts.natsCredentials }
        : {}),
      onError: (err) => warn(`NATS handler: ${errorMessage(err)}`),
    })
    closers.push(() => link.close())
    const kv = await link.openKv(DESIRED_STATE_BUCKET, { history: KV_HISTORY, replicas: opts.kvReplicas, warn })
    // Tokens (when required) and the audit stream, before anything serves a request.
    const { security, adminToken } = await startSecurity({
      link,
      settings: opts.security,
      dir: securityDir,
      replicas: opts.kvReplicas,
      warn,
    })
    closers.push(() => security.close())

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

    const ruleLimits: RuleLimits = {
      maxBudget: opts.maxBudget,
      tailDefaultTtlMs: opts.tails.defaultTtlMs,
      tailMaxTtlMs: opts.tails.maxTtlMs,
      maxDebugTtlMs: opts.maxDebugTtlMs,
    }
    const tails = new TailHub({ link, kv, store, limits: opts.tails, ruleLimits, warn })
    // Tail rules left by a control plane that died while streaming them: remove them (in the background).
    void tails.sweepOrphans()
    const dumps = new DumpGatherer({ link, registry, ...opts.dumps })
    // Incidents: the stream, the report ingest (a queue group over replicas), alerts and digests.
    let uiAddress: string | undefined
    const incidents = await startIncidents({
      link,
      registry,
      desired: store,
      dumps,
      dispatcher: createAlertDispatcher(opts.alerts, warn),
      settings: { ...opts.incidents, replicas: opts.kvReplicas, digestMs: opts.alerts.digestMs },
      publicUrl: () => opts.publicUrl ?? `http://${uiAddress ?? DEFAULT_HTTP_ADDRESS}`,
      warn,
    })
    closers.push(() => incidents.close())
    const checks = new CheckRunner({ link, registry })

    const aborter = new AbortController()
    const api = new ControlApi({
      store,
      registry,
      defaultWaitMs: opts.defaultWaitMs,
      maxCaptures: opts.maxCaptures,
      limits: ruleLimits,
      tails,
      dumps,
      signal: aborter.signal,
      warn,
    })
    const { host, port } = splitHostPort(opts.grpc)
    const grpc: GrpcServerHandle = await startGrpcServer(
      api,
      {
        histograms,
        scalars,
        incidents: { incidents: incidents.api, checks, inspector: new InspectorGateway(link) },
        security,
        guard: (served) => guardHandlers(served, security),
        credentials: await grpcServerCredentials(opts.security.grpcTls),
      },
      host,
      port,
      (err) =>
        warn(`internal error answered as INTERNAL: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
      // gRPC health: SERVING while NATS is up and the KV bucket answers a read (of a key never written).
      {
        connected: () => link.connected,
        probeKv: () => kv.get('_prodbench_health'),
        onStatus: (l) => link.onStatus(l),
      },
    )
    closers.push(() => grpc.close())
    // The HTTP/JSON gateway and admin UI: the same api and hubs as gRPC.
    let http: HttpGateway | undefined
    if (opts.http !== undefined) {
      const address = splitHostPort(opts.http)
      http = await startHttpGateway({
        host: address.host,
        port: address.port,
        fallbackToFreePort: opts.httpFallbackToFreePort,
        api,
        registry,
        histograms,
        scalars,
        link,
        kv,
        ...(opts.uiDir ? { uiDir: opts.uiDir } : {}),
        auth: createGatewayAuth(security),
        // The incident, check and audit pages: the same operations as gRPC.
        incidents: incidents.api,
        checks,
        audit: security.audit,
        warn,
        onInternalError: (err) =>
          warn(`HTTP internal error answered 500: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
      })
      closers.push(() => http?.close())
      uiAddress = http.address
    }
    // Closed first (closers run in reverse): rollout waits in flight answer at once with what they know,
    // and watch streams end (UNAVAILABLE) so the gRPC shutdown does not wait for them.
    closers.push(() => histograms.close())
    closers.push(() => scalars.close())
    // Tails end (UNAVAILABLE) and their rules are removed while NATS is still up.
    closers.push(() => tails.close())
    closers.push(() => aborter.abort())

    let closing: Promise<void> | undefined
    return Object.freeze({
      grpcAddress: grpc.address,
      httpAddress: http?.address,
      natsUrl,
      embeddedNats: embedded,
      security: Object.freeze({
        auth: security.auth,
        dir: securityDir,
        adminToken,
        natsConfigFile: embeddedSecurity?.configFile,
        sdkEnvFile,
        natsCredentials: describeNatsCredentials(embeddedSecurity?.controlPlane ?? opts.natsCredentials),
        grpcTls: !opts.security.grpcTls ? 'off' : opts.security.grpcTls.requireClientCert ? 'mtls' : 'tls',
      }),
      stats: () => ({
        ...registry.stats(),
        histograms: histograms.stats(),
        scalars: scalars.stats(),
        tails: tails.stats(),
        dumps: dumps.stats(),
        incidents: incidents.stats(),
        checks: checks.stats(),
        audit: security.audit.stats(),
      }),
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
