import {
  Metadata,
  Server,
  ServerCredentials,
  type ServerErrorResponse,
  type ServerUnaryCall,
  type ServerWritableStream,
  type sendUnaryData,
  status,
} from '@grpc/grpc-js'
import {
  type ControlPlaneHandlers,
  grpcPackage,
  type HistogramWindowInput,
  type ScalarWindowInput,
  type WatchHistogramRequest,
  type WatchMetricsRequest,
} from '@prodbench/proto'
import type { ControlApi } from '../api/control-api.js'
import { GrpcBindError, InvalidArgumentError, ProdbenchError, toProdbenchError } from '../errors.js'
import type { HistogramHub, WatchCall } from '../histograms/index.js'
import { toInstanceInfo } from '../registry/index.js'
import type { ScalarHub } from '../scalars/index.js'
import type { Security } from '../security/security.js'
import { securityHandlers } from '../security/security-handlers.js'
import { ruleToMessage } from '../state/desired-store.js'
import { addHealthService, type HealthSource } from './health.js'
import { type IncidentDeps, incidentHandlers } from './incident-handlers.js'
import { addReflectionService } from './reflection.js'
import {
  parseDump,
  parseGetHistogram,
  parseOptionalService,
  parseRemoveRules,
  parseService,
  parseSetRule,
  parseWatchHistogram,
  parseWatchMetrics,
} from './requests.js'
import { streamTail } from './tail-stream.js'

/** Metadata key carrying who made a change (ctl sends `user@host`). */
export const AUTHOR_METADATA_KEY = 'x-prodbench-author'
/** Trailer metadata key carrying the stable PB_ error code of a failed call. */
export const CODE_METADATA_KEY = 'x-prodbench-code'
/** Trailer metadata key carrying the request field a PB_INVALID_ARGUMENT is about. */
export const FIELD_METADATA_KEY = 'x-prodbench-field'

const MAX_AUTHOR_LENGTH = 200
/** How long close() lets calls in flight finish before cutting them. */
const SHUTDOWN_GRACE_MS = 2_000

/** The mergers whose windows the server streams. */
export interface GrpcHubs {
  readonly histograms: HistogramHub
  readonly scalars: ScalarHub
  /** Incidents, checks and the inspector; without them those rpcs answer UNAVAILABLE. */
  readonly incidents?: IncidentDeps
  /** Tokens and the audit log; without it CreateToken, ListTokens, RevokeToken and ListAudit answer UNAVAILABLE. */
  readonly security?: Security
  /** Wraps every handler: the security guard (authentication, authorization, audit). @default none */
  readonly guard?: (handlers: ControlPlaneHandlers) => ControlPlaneHandlers
  /** TLS (security.grpcTls). @default plaintext */
  readonly credentials?: ServerCredentials
}

/** A listening gRPC server; `close()` is idempotent. */
export interface GrpcServerHandle {
  /** The actual `host:port` (the port chosen when 0 was asked). */
  readonly address: string
  close(): Promise<void>
}

/**
 * Serves the ControlPlane gRPC service on `host:port` (port 0 picks a free
 * one). Every failure is answered with the status from the one error table,
 * the message naming what was wrong, and the PB_ code in the trailers.
 * @throws {GrpcBindError} when the address cannot be bound
 */
export async function startGrpcServer(
  api: ControlApi,
  hubs: GrpcHubs,
  host: string,
  port: number,
  onInternalError: (err: unknown) => void = () => {},
  health?: HealthSource,
): Promise<GrpcServerHandle> {
  const server = new Server()
  const served = handlers(api, hubs, onInternalError)
  server.addService(grpcPackage.prodbench.v1.ControlPlane.service, hubs.guard ? hubs.guard(served) : served)
  addReflectionService(server)
  const healthService = health ? addHealthService(server, health) : undefined
  const bindHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
  const requested = `${bindHost}:${port}`
  const bound = await new Promise<number>((resolve, reject) => {
    server.bindAsync(requested, hubs.credentials ?? ServerCredentials.createInsecure(), (err, actual) =>
      err ? reject(new GrpcBindError(requested, err)) : resolve(actual),
    )
  }).catch((err: unknown) => {
    healthService?.close()
    throw err
  })
  let closing: Promise<void> | undefined
  return {
    address: `${bindHost}:${bound}`,
    close() {
      healthService?.close()
      closing ??= new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown()
          resolve()
        }, SHUTDOWN_GRACE_MS)
        server.tryShutdown(() => {
          clearTimeout(force)
          resolve()
        })
      })
      return closing
    },
  }
}

function handlers(
  api: ControlApi,
  { histograms, scalars, incidents, security }: GrpcHubs,
  onInternalError: (err: unknown) => void,
): ControlPlaneHandlers {
  const unary =
    <Req, Res>(run: (request: Req, metadata: Metadata) => Promise<Res> | Res) =>
    (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => {
      Promise.resolve()
        .then(() => run(call.request, call.metadata))
        .then(
          (response) => callback(null, response),
          (err: unknown) => {
            const error = toProdbenchError(err)
            if (error.code === 'PB_INTERNAL') onInternalError(err)
            callback(toServiceError(error))
          },
        )
    }

  return {
    SetRule: unary(async (request, metadata) => {
      const input = parseSetRule(request)
      const result = await api.setRule(input.rule, authorOf(metadata), input.waitMs)
      return { rules: result.rules.map(ruleToMessage), replacedIds: result.replacedIds, rollout: result.rollout }
    }),
    RemoveRules: unary(async (request) => {
      const result = await api.removeRules(parseRemoveRules(request))
      return { rules: result.rules.map(ruleToMessage), replacedIds: [], rollout: result.rollout }
    }),
    ListRules: unary(async (request) => {
      const { rules, revision } = await api.listRules(parseService(request.service))
      return { rules: rules.map(ruleToMessage), revision }
    }),
    ListServices: unary(async () => ({ services: await api.listServices() })),
    ListInstances: unary((request) => ({
      instances: api.listInstances(parseOptionalService(request.service)).map(toInstanceInfo),
    })),
    GetStatus: unary(async (request) => {
      const status = await api.getStatus(parseService(request.service))
      return {
        service: status.service,
        revision: status.revision,
        rules: status.rules.map(ruleToMessage),
        instances: status.instances.map(toInstanceInfo),
      }
    }),
    GetHistogram: unary((request) => histograms.get(parseGetHistogram(request))),
    WatchHistogram: (call) =>
      watch(call, (sink) => histograms.watch(parseWatchHistogram(call.request), sink), onInternalError),
    ListMetrics: unary((request) => {
      const service = parseService(request.service)
      return { service, instances: api.listMetrics(service).map((m) => ({ ...m, metrics: [...m.metrics] })) }
    }),
    WatchMetrics: (call) =>
      watch(call, (sink) => scalars.watch(parseWatchMetrics(call.request), sink), onInternalError),
    Tail: (call) =>
      streamTail(
        call,
        api,
        authorOf(call.metadata),
        (error) => call.emit('error', toServiceError(error)),
        onInternalError,
      ),
    Dump: unary((request) => api.dump(parseDump(request))),
    ...incidentHandlers(incidents, unary, authorOf),
    ...securityHandlers(security, unary),
  }
}

/**
 * WatchHistogram / WatchMetrics: a server stream fed by a hub. A failure
 * before the first window (bad request, no capture) ends the call with the
 * status from the one error table, like unary calls.
 */
function watch<
  Req extends WatchHistogramRequest | WatchMetricsRequest,
  T extends HistogramWindowInput | ScalarWindowInput,
>(
  call: ServerWritableStream<Req, T>,
  start: (sink: WatchCall<T>) => Promise<void>,
  onInternalError: (err: unknown) => void,
): void {
  const sink: WatchCall<T> = {
    get cancelled() {
      return call.cancelled
    },
    write: (message) => call.write(message),
    once: (event, listener) => call.once(event, listener),
    end: () => call.end(),
    fail: (error) => call.emit('error', toServiceError(error)),
  }
  Promise.resolve()
    .then(() => start(sink))
    .catch((err: unknown) => {
      const error = toProdbenchError(err)
      if (error.code === 'PB_INTERNAL') onInternalError(err)
      if (!call.cancelled) sink.fail(error)
    })
}

/** Who made a change: the `x-prodbench-author` metadata, else "anonymous". */
function authorOf(metadata: Metadata): string {
  const value = metadata.get(AUTHOR_METADATA_KEY)[0]
  const author = typeof value === 'string' ? value.trim() : ''
  return author ? author.slice(0, MAX_AUTHOR_LENGTH) : 'anonymous'
}

/** A prodbench error as a gRPC status: code from the one table, message, PB_ code in trailers. */
export function toServiceError(error: ProdbenchError): ServerErrorResponse {
  const metadata = new Metadata()
  metadata.set(CODE_METADATA_KEY, error.code)
  // The field path may hold a request's own text (a `where` key): grpc-js throws on a metadata value that is
  // not printable ASCII, and that throw would escape the handler as an unhandled rejection.
  if (error instanceof InvalidArgumentError && error.field) {
    metadata.set(FIELD_METADATA_KEY, error.field.replace(/[^\x20-\x7e]/g, '?'))
  }
  const code = error instanceof ProdbenchError ? error.grpcStatus : status.INTERNAL
  return Object.assign(new Error(error.message), { name: error.name, code, details: error.message, metadata })
}
