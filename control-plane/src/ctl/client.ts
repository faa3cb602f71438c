/**
 * ctl's side of the gRPC contract: a promisified ControlPlane client that adds
 * the author metadata and a deadline to every call, and turns failures into
 * {@link CtlError}s that carry ctl's exit code.
 */
import { hostname, userInfo } from 'node:os'
import {
  type CallOptions,
  type ChannelCredentials,
  type ClientReadableStream,
  connectivityState,
  credentials,
  Metadata,
  type ServiceError,
  status,
} from '@grpc/grpc-js'
import {
  type ChangeResponse,
  type DumpInstancesRequest,
  type DumpResponse,
  type GetHistogramRequest,
  type GetHistogramResponse,
  type GetStatusResponse,
  grpcPackage,
  type HistogramWindowMessage,
  type IncidentMessage,
  type InspectReplyMessage,
  type ListChecksResponse,
  type ListIncidentsResponse,
  type ListMetricsResponse,
  type ListRulesResponse,
  type ListServicesResponse,
  type RemoveRulesRequest,
  type RunCheckResponse,
  type ScalarWindowMessage,
  type SetRuleRequest,
  type TailEventMessage,
  type TailRequest,
  type WatchHistogramRequest,
  type WatchMetricsRequest,
} from '@prodbench/proto'
import type { Env } from './args.js'
import { type CtlError, NoAnswerError, ServerRefusedError, UnreachableError } from './errors.js'

/** Deadline of a read (ls, status, rules). */
export const READ_DEADLINE_MS = 10_000
/** Added to --wait for a change's deadline: the server writes KV and answers after the wait ends. */
export const WAIT_MARGIN_MS = 5_000
/**
 * Deadline of a change sent without --wait: the server applies its own default
 * (5 s unless configured), which ctl cannot know, so allow for a generous one.
 */
export const DEFAULT_CHANGE_DEADLINE_MS = 60_000

/** The gRPC metadata key naming who made a change. */
export const AUTHOR_METADATA_KEY = 'x-prodbench-author'
/** The gRPC metadata key of the bearer token. */
export const AUTHORIZATION_METADATA_KEY = 'authorization'

/** The calls ctl makes; every method rejects with a {@link CtlError}. */
export interface ControlPlaneApi {
  listServices(): Promise<ListServicesResponse>
  getStatus(service: string): Promise<GetStatusResponse>
  listRules(service: string): Promise<ListRulesResponse>
  setRule(request: SetRuleRequest): Promise<ChangeResponse>
  removeRules(request: RemoveRulesRequest): Promise<ChangeResponse>
  getHistogram(request: GetHistogramRequest): Promise<GetHistogramResponse>
  /** Opens a WatchHistogram stream (no deadline: it lasts as long as the capture or until cancelled). */
  watchHistogram(request: WatchHistogramRequest, handlers: HistogramStreamHandlers): HistogramStream
  /** Every instrument of the live instances of `service`, with its last value. */
  listMetrics(service: string): Promise<ListMetricsResponse>
  /** Opens a WatchMetrics stream (no deadline, like {@link ControlPlaneApi.watchHistogram}). */
  watchMetrics(request: WatchMetricsRequest, handlers: MetricsStreamHandlers): HistogramStream
  /** Opens a Tail stream (no deadline: it lasts until cancelled or the tail ends). */
  tail(request: TailRequest, handlers: TailStreamHandlers): HistogramStream
  /** The flight-recorder records of one or every live instance (deadline: the wait plus a margin). */
  dump(request: DumpInstancesRequest): Promise<DumpResponse>
  /** Incident summaries, most recently active first. */
  listIncidents(request: { service?: string; status?: string; limit?: number }): Promise<ListIncidentsResponse>
  /** One incident with its first report. */
  getIncident(id: string): Promise<IncidentMessage>
  /** Acks or closes an incident. */
  updateIncident(request: { id: string; action: 'ack' | 'close'; reason?: string }): Promise<IncidentMessage>
  /** Opens an incident by hand (the server asks the instance's flight recorder: up to 2 s). */
  openIncident(request: {
    service: string
    instance?: string
    title: string
    reason?: string
  }): Promise<IncidentMessage>
  /** The checks of a service's live instances. */
  listChecks(service: string): Promise<ListChecksResponse>
  /** Runs a check now (deadline: the wait plus a margin). */
  runCheck(request: { service: string; name: string; instance?: string; waitMs?: number }): Promise<RunCheckResponse>
  /** Opens the Node inspector of one instance. */
  inspect(request: { service: string; instance: string; ttlMs?: number }): Promise<InspectReplyMessage>
  /** Closes the channel. Idempotent. */
  close(): void
}

/** What a Tail stream reports: its events (`window` is each one), then `end` or `error`. */
export type TailStreamHandlers = StreamHandlers<TailEventMessage>

/** Largest answer ctl takes (a Dump of many instances): the server bounds it at 32 MiB by default. */
export const MAX_RECEIVE_BYTES = 64 * 1024 * 1024
/** Wait of a RunCheck that asks for none (the server's default), for its deadline. */
const DEFAULT_CHECK_WAIT_MS = 10_000
/** Wait of a Dump that asks for none (the server's default), for its deadline. */
const DEFAULT_DUMP_WAIT_MS = 2_000

/** What a server stream of windows reports; after `end` or `error`, nothing more. */
export interface StreamHandlers<W> {
  /** A window closed. */
  window(window: W): void
  /** The server ended the stream: the capture ended (expired or stopped). */
  end(): void
  /** The stream failed; not called after {@link HistogramStream.cancel}. */
  error(error: CtlError): void
}

/** What a WatchHistogram stream reports: merged windows, and one per instance when per_instance was asked. */
export type HistogramStreamHandlers = StreamHandlers<HistogramWindowMessage>

/** What a WatchMetrics stream reports: one merged window of counters and gauges at a time. */
export type MetricsStreamHandlers = StreamHandlers<ScalarWindowMessage>

/** A running WatchHistogram or WatchMetrics call. */
export interface HistogramStream {
  /** Cancels the call; no handler is called afterwards. Idempotent. */
  cancel(): void
}

/** Where to connect and who is asking. */
export interface ConnectOptions {
  /** HOST:PORT of the control plane's gRPC server. */
  server: string
  /** `user@host`, sent as {@link AUTHOR_METADATA_KEY}. */
  author: string
  /**
   * Deadline of reads (shell completion asks with a short one, so a TAB never hangs).
   * @default READ_DEADLINE_MS (10 s)
   */
  readDeadlineMs?: number
  /**
   * Bearer token sent as `authorization: Bearer <token>` (see commands/token-source.ts).
   * @default none (a control plane with authentication answers UNAUTHENTICATED)
   */
  token?: string
  /**
   * TLS to the control plane (PRODBENCH_TLS_CA, _CERT, _KEY: see commands/token-source.ts).
   * @default plaintext
   */
  channelCredentials?: ChannelCredentials
}

/** A client for the control plane at `server`. Connects lazily, on the first call. */
export function connectControlPlane(options: ConnectOptions): ControlPlaneApi {
  const client = new grpcPackage.prodbench.v1.ControlPlane(
    options.server,
    options.channelCredentials ?? credentials.createInsecure(),
    {
      'grpc.max_receive_message_length': MAX_RECEIVE_BYTES,
    },
  )
  const readDeadline = options.readDeadlineMs ?? READ_DEADLINE_MS
  let closed = false

  type Callback<T> = (error: ServiceError | null, value?: T) => void
  const call = <T>(
    deadlineMs: number,
    start: (metadata: Metadata, callOptions: CallOptions, done: Callback<T>) => void,
  ) =>
    new Promise<T>((resolve, reject) => {
      const metadata = new Metadata()
      metadata.set(AUTHOR_METADATA_KEY, options.author)
      if (options.token) metadata.set(AUTHORIZATION_METADATA_KEY, `Bearer ${options.token}`)
      start(metadata, { deadline: Date.now() + deadlineMs }, (error, value) => {
        if (error)
          reject(toCtlError(error, options.server, deadlineMs, client.getChannel().getConnectivityState(false)))
        else resolve(value as T)
      })
    })
  const changeDeadline = (waitMs: number | undefined) => (waitMs ? waitMs + WAIT_MARGIN_MS : DEFAULT_CHANGE_DEADLINE_MS)
  // A server stream: each message to `window`, then exactly one of `end` or `error`, none after cancel().
  const follow = <W>(open: (metadata: Metadata) => ClientReadableStream<W>, handlers: StreamHandlers<W>) => {
    const metadata = new Metadata()
    metadata.set(AUTHOR_METADATA_KEY, options.author)
    if (options.token) metadata.set(AUTHORIZATION_METADATA_KEY, `Bearer ${options.token}`)
    const stream = open(metadata)
    let done = false
    const finish = (report: () => void) => {
      if (done) return
      done = true
      report()
    }
    stream.on('data', (window: W) => {
      if (!done) handlers.window(window)
    })
    stream.on('end', () => finish(() => handlers.end()))
    stream.on('error', (error: ServiceError) =>
      finish(() =>
        handlers.error(toCtlError(error, options.server, 0, client.getChannel().getConnectivityState(false))),
      ),
    )
    return {
      cancel() {
        if (done) return
        done = true
        stream.cancel()
      },
    }
  }

  return {
    listServices: () =>
      call<ListServicesResponse>(readDeadline, (md, co, done) => client.ListServices({}, md, co, done)),
    getStatus: (service) =>
      call<GetStatusResponse>(readDeadline, (md, co, done) => client.GetStatus({ service }, md, co, done)),
    listRules: (service) =>
      call<ListRulesResponse>(readDeadline, (md, co, done) => client.ListRules({ service }, md, co, done)),
    setRule: (request) =>
      call<ChangeResponse>(changeDeadline(request.waitMs), (md, co, done) => client.SetRule(request, md, co, done)),
    removeRules: (request) =>
      call<ChangeResponse>(changeDeadline(request.waitMs), (md, co, done) => client.RemoveRules(request, md, co, done)),
    getHistogram: (request) =>
      call<GetHistogramResponse>(readDeadline, (md, co, done) => client.GetHistogram(request, md, co, done)),
    watchHistogram: (request, handlers) =>
      follow<HistogramWindowMessage>((metadata) => client.WatchHistogram(request, metadata), handlers),
    listMetrics: (service) =>
      call<ListMetricsResponse>(readDeadline, (md, co, done) => client.ListMetrics({ service }, md, co, done)),
    watchMetrics: (request, handlers) =>
      follow<ScalarWindowMessage>((metadata) => client.WatchMetrics(request, metadata), handlers),
    tail: (request, handlers) => follow<TailEventMessage>((metadata) => client.Tail(request, metadata), handlers),
    dump: (request) =>
      call<DumpResponse>((request.waitMs || DEFAULT_DUMP_WAIT_MS) + WAIT_MARGIN_MS, (md, co, done) =>
        client.Dump(request, md, co, done),
      ),
    listIncidents: (request) =>
      call<ListIncidentsResponse>(readDeadline, (md, co, done) => client.ListIncidents(request, md, co, done)),
    getIncident: (id) =>
      call<IncidentMessage>(readDeadline, (md, co, done) => client.GetIncident({ id }, md, co, done)),
    updateIncident: (request) =>
      call<IncidentMessage>(readDeadline, (md, co, done) => client.UpdateIncident(request, md, co, done)),
    openIncident: (request) =>
      call<IncidentMessage>(readDeadline, (md, co, done) => client.OpenIncident(request, md, co, done)),
    listChecks: (service) =>
      call<ListChecksResponse>(readDeadline, (md, co, done) => client.ListChecks({ service }, md, co, done)),
    runCheck: (request) =>
      call<RunCheckResponse>((request.waitMs || DEFAULT_CHECK_WAIT_MS) + WAIT_MARGIN_MS, (md, co, done) =>
        client.RunCheck(request, md, co, done),
      ),
    inspect: (request) =>
      call<InspectReplyMessage>(readDeadline, (md, co, done) => client.Inspect(request, md, co, done)),
    close() {
      if (closed) return
      closed = true
      client.close()
    },
  }
}

/**
 * Maps a failed call to ctl's errors. A server that answered with a status
 * (even UNAVAILABLE, e.g. when it lost NATS) leaves the channel READY; a
 * connection that never came up does not, and that is "unreachable".
 */
export function toCtlError(error: ServiceError, server: string, deadlineMs: number, channel: number): CtlError {
  const connected = channel === connectivityState.READY
  if (error.code === status.UNAVAILABLE && !connected) return new UnreachableError(server, { cause: error })
  if (error.code === status.DEADLINE_EXCEEDED) {
    return connected
      ? new NoAnswerError(server, deadlineMs, { cause: error })
      : new UnreachableError(server, { cause: error })
  }
  return new ServerRefusedError(status[error.code] ?? `code ${error.code}`, error.details, { cause: error })
}

/**
 * `user@host` for the audit trail. Metadata values must be printable ASCII, so
 * anything else becomes "?".
 */
export function currentAuthor(env: Env): string {
  let user: string
  try {
    user = userInfo().username
  } catch {
    // No passwd entry (some containers): fall back to what the shell says.
    user = env.USER || env.LOGNAME || 'unknown'
  }
  return `${user}@${hostname()}`.replace(/[^\x20-\x7e]/g, '?')
}
