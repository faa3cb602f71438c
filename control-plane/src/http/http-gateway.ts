import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { ControlApi } from '../api/control-api.js'
import type { AuditLog } from '../audit/audit-log.js'
import type { CheckRunner } from '../checks/index.js'
import { HttpBindError, NotFoundError, type ProdbenchError, toProdbenchError } from '../errors.js'
import type { HistogramHub } from '../histograms/index.js'
import type { IncidentApi } from '../incidents/index.js'
import type { KvBucket, NatsLink } from '../nats/index.js'
import type { InstanceRegistry } from '../registry/index.js'
import type { ScalarHub } from '../scalars/index.js'
import { auditRoutes } from './audit-routes.js'
import { type GatewayAuth, OPEN_AUTH, type Permission, type Principal } from './auth.js'
import { checkRoutes } from './check-routes.js'
import type { GatewayDeps } from './gateway-deps.js'
import { errorBody, HttpStatusError, httpStatusOf } from './http-errors.js'
import { IncidentFeed } from './incident-feed.js'
import { incidentRoutes } from './incident-routes.js'
import { InstanceFeed } from './instance-feed.js'
import { bodyRead } from './json-body.js'
import { quarantineRoutes } from './quarantine-routes.js'
import { readRoutes } from './read-routes.js'
import { type Route, Router } from './router.js'
import { ruleRoutes } from './rule-routes.js'
import { SseStream } from './sse-stream.js'
import { StateFeed } from './state-feed.js'
import { DEFAULT_UI_DIR, serveUi } from './static-files.js'
import { streamRoutes } from './stream-routes.js'
import { tailRoutes } from './tail-routes.js'

/** How long close() lets plain requests in flight finish before cutting them. */
const SHUTDOWN_GRACE_MS = 2_000

/** Options of {@link startHttpGateway}. */
export interface HttpGatewayOptions {
  readonly host: string
  /** 0 picks a free port. */
  readonly port: number
  /**
   * When the port is taken, listen on a free one instead (the CLI's default address).
   * @default false
   */
  readonly fallbackToFreePort?: boolean
  readonly api: ControlApi
  readonly registry: InstanceRegistry
  readonly histograms: HistogramHub
  readonly scalars: ScalarHub
  /** For the desired-state feed (one KV watch shared by every live page). */
  readonly link: NatsLink
  readonly kv: KvBucket
  /**
   * Routes added by other features (tails...), each declaring its permission.
   * @default []
   */
  readonly extraRoutes?: (deps: GatewayDeps) => Route[]
  /**
   * The built UI.
   * @default control-plane/ui/dist
   */
  readonly uiDir?: string
  readonly warn: (message: string) => void
  /** Receives unexpected errors answered as PB_INTERNAL (500). */
  readonly onInternalError?: (err: unknown) => void
  /**
   * Wall clock, for tests.
   * @default Date.now
   */
  readonly now?: () => number
  /**
   * Authentication, authorization, redaction and audit of every API request
   * (the control plane's security layer: security/http-auth.ts).
   * @default OPEN_AUTH (everyone may do everything)
   */
  readonly auth?: GatewayAuth
  /**
   * The incident operations (IncidentApi, as gRPC); without them the incident routes answer UNAVAILABLE.
   * @default none
   */
  readonly incidents?: IncidentApi
  /**
   * ListChecks and RunCheck; without them the check routes answer UNAVAILABLE.
   * @default none
   */
  readonly checks?: CheckRunner
  /**
   * The audit log, read by `GET /api/v1/audit`; without it that route answers UNAVAILABLE.
   * @default none
   */
  readonly audit?: Pick<AuditLog, 'list'>
}

/** A listening gateway; `close()` is idempotent. */
export interface HttpGateway {
  /** The actual `host:port` (the port chosen when 0 was asked or the port was taken). */
  readonly address: string
  /** `http://host:port/`, the admin UI. */
  readonly url: string
  close(): Promise<void>
}

/**
 * The HTTP/JSON gateway and the admin UI, in the control plane process: the
 * same ControlApi methods, request parsers and error table as gRPC, under
 * `/api/v1/`, live updates as Server-Sent Events, and the built UI at `/`.
 * See docs/ui.md.
 * @throws {HttpBindError} when the address cannot be bound
 */
export async function startHttpGateway(options: HttpGatewayOptions): Promise<HttpGateway> {
  const now = options.now ?? Date.now
  const uiDir = options.uiDir ?? DEFAULT_UI_DIR
  const onInternalError = options.onInternalError ?? (() => {})
  const streams = new Map<ServerResponse, SseStream>()
  const auth = options.auth ?? OPEN_AUTH
  // Who each streaming response is for: its events are shaped (redacted for viewers) like JSON answers.
  const viewers = new WeakMap<ServerResponse, { principal: Principal; permission: Permission }>()
  const instances = new InstanceFeed(options.registry, now)
  const state = new StateFeed(options.link, options.kv, options.warn, now)
  const incidentApi = options.incidents
  const incidentFeed = incidentApi
    ? new IncidentFeed(options.link, (id) => incidentApi.get(id), options.warn)
    : undefined
  const deps: GatewayDeps = {
    api: options.api,
    histograms: options.histograms,
    scalars: options.scalars,
    instances,
    state,
    incidents: incidentApi,
    incidentFeed,
    checks: options.checks,
    audit: options.audit,
    now,
    openStream: (response) => {
      const stream = new SseStream(response)
      const viewer = viewers.get(response)
      if (viewer && auth.shape) {
        const send = stream.send.bind(stream)
        const shape = auth.shape.bind(auth)
        stream.send = (event, data) => send(event, shape(viewer.principal, viewer.permission, data))
      }
      streams.set(response, stream)
      stream.onClose(() => streams.delete(response))
      return stream
    },
  }
  const router = new Router([
    ...readRoutes(deps),
    ...ruleRoutes(deps),
    ...streamRoutes(deps),
    ...tailRoutes(deps),
    ...incidentRoutes(deps),
    ...checkRoutes(deps),
    ...quarantineRoutes(deps),
    ...auditRoutes(deps),
    ...(options.extraRoutes?.(deps) ?? []),
  ])

  const handleApi = async (request: IncomingMessage, response: ServerResponse, url: URL) => {
    // The auth layer's own paths (the admin UI's login): not routes, they need no permission.
    if (auth.session) {
      const session = await auth.session(request, response, url.pathname).catch((err: unknown) => {
        sendError(response, toProdbenchError(err))
        return null
      })
      if (session === null) return
      if (session) return sendJson(response, session.status, session.body)
    }
    const { match, allowed } = router.match(request.method ?? 'GET', url.pathname)
    if (!match) {
      if (allowed.length > 0) response.setHeader('allow', allowed.join(', '))
      const error =
        allowed.length > 0
          ? new HttpStatusError(
              405,
              '',
              `${request.method} is not allowed on ${url.pathname} (allowed: ${allowed.join(', ')})`,
            )
          : new NotFoundError(`no API route ${url.pathname} (see docs/ui.md)`)
      return sendError(response, error)
    }
    if (request.method !== 'GET' && !sameOrigin(request)) {
      return sendError(response, new HttpStatusError(403, '', 'cross-site requests may not change anything'))
    }
    const { permission } = match.route
    const service = match.params.service
    // Changes, and reads of log content, are audited (accepted and refused).
    const audited = request.method !== 'GET' || permission === 'tail'
    const audit = (principal: Principal | undefined, result: string, message?: string) =>
      audited && auth.audit
        ? auth.audit({
            request,
            route: `${request.method} ${match.route.path}`,
            permission,
            service,
            principal,
            result,
            message,
            body: bodyRead(request),
          })
        : Promise.resolve()
    let principal: Principal | undefined
    try {
      principal = await auth.authenticate(request)
      auth.authorize(principal, permission, service)
    } catch (err) {
      const error = toProdbenchError(err)
      await audit(principal, error.code, error.message)
      return sendError(response, error)
    }
    viewers.set(response, { principal, permission })
    // A stream is audited when it opens; a change when it is done.
    if (request.method === 'GET') await audit(principal, 'ok')
    try {
      const result = await match.route.handle({
        request,
        response,
        params: match.params,
        query: url.searchParams,
        principal,
      })
      if (request.method !== 'GET') await audit(principal, 'ok')
      const shaped = result !== undefined && auth.shape ? auth.shape(principal, permission, result) : result
      if (shaped !== undefined && !response.headersSent) sendJson(response, 200, shaped)
    } catch (err) {
      const error = toProdbenchError(err)
      if (request.method !== 'GET') await audit(principal, error.code, error.message)
      if (error.code === 'PB_INTERNAL') onInternalError(err)
      const stream = streams.get(response)
      if (stream?.opened) {
        stream.send('error', errorBody(error))
        stream.close()
      } else if (!response.headersSent) sendError(response, error)
      else response.destroy()
    }
  }

  const server: Server = createServer((request, response) => {
    let url: URL
    try {
      url = new URL(request.url ?? '/', 'http://gateway')
    } catch {
      return sendError(response, new HttpStatusError(400, '', 'malformed request URL'))
    }
    const work = url.pathname.startsWith('/api/')
      ? handleApi(request, response, url)
      : serveUi(uiDir, request, response, url.pathname).then((served) => {
          if (served) return
          if (request.method !== 'GET' && request.method !== 'HEAD') {
            response.setHeader('allow', 'GET, HEAD')
            return sendError(response, new HttpStatusError(405, '', `${request.method} is not allowed here`))
          }
          sendError(response, new NotFoundError(`nothing at ${url.pathname}; the UI is at / (#/...)`))
        })
    work.catch((err: unknown) => {
      onInternalError(err)
      if (!response.headersSent) sendError(response, toProdbenchError(err))
      else response.destroy()
    })
  })

  const port = await listen(server, options.host, options.port)
    .catch(async (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE' && options.fallbackToFreePort && options.port !== 0) {
        return listen(server, options.host, 0)
      }
      throw err
    })
    .catch((err: unknown) => {
      instances.close()
      state.close()
      incidentFeed?.close()
      throw new HttpBindError(`${options.host}:${options.port}`, err)
    })

  const host = options.host.includes(':') ? `[${options.host}]` : options.host
  let closing: Promise<void> | undefined
  return {
    address: `${host}:${port}`,
    url: `http://${host}:${port}/`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        instances.close()
        state.close()
        incidentFeed?.close()
        // Streams never end on their own: end them, so close() does not wait for viewers.
        for (const stream of [...streams.values()]) stream.close()
        const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS)
        force.unref()
        server.close(() => {
          clearTimeout(force)
          resolve()
        })
        server.closeIdleConnections()
      })
      return closing
    },
  }
}

/**
 * A browser sends Origin on cross-site requests: a change must come from a
 * page of this gateway (requests without Origin, e.g. curl, are not a
 * browser's and pass; tokens will guard them, issue 7).
 */
function sameOrigin(request: IncomingMessage): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return false
  const origin = request.headers.origin
  if (origin === undefined) return true
  try {
    return new URL(origin).host === request.headers.host
  } catch {
    return false
  }
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err)
    server.once('error', onError)
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', onError)
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : port)
    })
  })
}

function sendError(response: ServerResponse, error: ProdbenchError): void {
  sendJson(response, httpStatusOf(error), errorBody(error))
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value, jsonValue))
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': body.length,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  })
  response.end(body)
}

/** Bytes as base64 (proto JSON's rule); everything else as JSON has it. */
function jsonValue(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64')
  // Buffer.toJSON runs before the replacer sees the Buffer.
  if (
    value &&
    typeof value === 'object' &&
    (value as { type?: unknown }).type === 'Buffer' &&
    Array.isArray((value as { data?: unknown }).data)
  ) {
    return Buffer.from((value as { data: number[] }).data).toString('base64')
  }
  return value
}
