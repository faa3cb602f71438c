/**
 * The HTTP/JSON gateway and admin UI server: the ControlApi over HTTP with
 * the gRPC server's parsers and error table, Server-Sent Events for live
 * pages, and the built UI. See docs/ui.md.
 */
export {
  authenticate,
  type GatewayAuditEvent,
  type GatewayAuth,
  isAllowed,
  OPEN_AUTH,
  PERMISSIONS,
  type Permission,
  type Principal,
} from './auth.js'
export type { GatewayDeps } from './gateway-deps.js'
export { type ErrorBody, errorBody, HTTP_STATUS_BY_GRPC_STATUS, httpStatusOf } from './http-errors.js'
export { type HttpGateway, type HttpGatewayOptions, startHttpGateway } from './http-gateway.js'
export type { Route, RouteContext } from './router.js'
export { SseStream } from './sse-stream.js'
export { DEFAULT_UI_DIR } from './static-files.js'
export { watchCallOverSse } from './watch-sse.js'
