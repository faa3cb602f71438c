import { status } from '@grpc/grpc-js'
import { InvalidArgumentError, type ProdbenchError } from '../errors.js'

/**
 * Errors as HTTP answers. A PB_ code goes through the ONE table in
 * ../errors.ts to its gRPC status, and from there through this table to an
 * HTTP status (the mapping grpc-gateway uses), so a new code needs no change
 * here and gRPC and HTTP clients always see the same failure.
 */

/** The HTTP status answering each gRPC status. */
export const HTTP_STATUS_BY_GRPC_STATUS: Readonly<Record<status, number>> = Object.freeze({
  [status.OK]: 200,
  [status.CANCELLED]: 499,
  [status.UNKNOWN]: 500,
  [status.INVALID_ARGUMENT]: 400,
  [status.DEADLINE_EXCEEDED]: 504,
  [status.NOT_FOUND]: 404,
  [status.ALREADY_EXISTS]: 409,
  [status.PERMISSION_DENIED]: 403,
  [status.RESOURCE_EXHAUSTED]: 429,
  [status.FAILED_PRECONDITION]: 400,
  [status.ABORTED]: 409,
  [status.OUT_OF_RANGE]: 400,
  [status.UNIMPLEMENTED]: 501,
  [status.INTERNAL]: 500,
  [status.UNAVAILABLE]: 503,
  [status.DATA_LOSS]: 500,
  [status.UNAUTHENTICATED]: 401,
})

/** The JSON body of every failed request (and of an SSE `error` event). */
export interface ErrorBody {
  /** The stable PB_ code (docs/errors.md). */
  readonly code: string
  readonly message: string
  /** The request field at fault (JSON name, dotted: `rule.ttlMs`), for PB_INVALID_ARGUMENT. */
  readonly field?: string
  /** The gRPC status name a gRPC client would have seen (`INVALID_ARGUMENT`). */
  readonly grpcStatus: string
}

/** An error with an HTTP status of its own (405, 413, 415), where the gRPC table has no equivalent. */
export class HttpStatusError extends InvalidArgumentError {
  override name = 'HttpStatusError'
  constructor(
    readonly httpStatus: number,
    field: string,
    message: string,
  ) {
    super(field, message)
  }
}

/** The HTTP status a prodbench error is answered with. */
export function httpStatusOf(error: ProdbenchError): number {
  if (error instanceof HttpStatusError) return error.httpStatus
  return HTTP_STATUS_BY_GRPC_STATUS[error.grpcStatus] ?? 500
}

/** The JSON body of a failure; field paths named the JSON way (`rule.ttl_ms` → `rule.ttlMs`). */
export function errorBody(error: ProdbenchError): ErrorBody {
  const grpcStatus = status[error.grpcStatus] ?? 'INTERNAL'
  if (!(error instanceof InvalidArgumentError) || !error.field) {
    return { code: error.code, message: error.message, grpcStatus }
  }
  const field = camelPath(error.field)
  const message = error.message.startsWith(`${error.field}: `)
    ? `${field}: ${error.message.slice(error.field.length + 2)}`
    : error.message
  return { code: error.code, message, field, grpcStatus }
}

/** `rule.selector.where.user_id` stays as typed past `where` (a map key is data, not a field name). */
function camelPath(path: string): string {
  const parts = path.split('.')
  const mapAt = parts.indexOf('where')
  return parts
    .map((part, i) => (mapAt >= 0 && i > mapAt ? part : part.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())))
    .join('.')
}
