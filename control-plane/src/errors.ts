import { status } from '@grpc/grpc-js'

/**
 * Every error the control plane raises on purpose, each with a stable code
 * (never reused) and ONE table mapping codes to gRPC status codes.
 * docs/errors.md lists them with what to do; change both together.
 */

/** The gRPC status each error code is answered with. */
export const GRPC_STATUS_BY_CODE = Object.freeze({
  PB_INVALID_ARGUMENT: status.INVALID_ARGUMENT,
  PB_INVALID_OPTIONS: status.INVALID_ARGUMENT,
  PB_NOT_FOUND: status.NOT_FOUND,
  PB_CONFLICT: status.ABORTED,
  PB_TOO_MANY_RULES: status.RESOURCE_EXHAUSTED,
  PB_TOO_MANY_CAPTURES: status.RESOURCE_EXHAUSTED,
  PB_OVER_CEILING: status.INVALID_ARGUMENT,
  PB_TOO_MANY_TAILS: status.RESOURCE_EXHAUSTED,
  PB_CORRUPT_STATE: status.DATA_LOSS,
  PB_UNAVAILABLE: status.UNAVAILABLE,
  PB_NATS_SERVER_MISSING: status.FAILED_PRECONDITION,
  PB_NATS_SERVER_START: status.UNAVAILABLE,
  PB_GRPC_BIND: status.UNAVAILABLE,
  PB_HTTP_BIND: status.UNAVAILABLE,
  PB_INCIDENT_NOT_FOUND: status.NOT_FOUND,
  PB_INCIDENT_CLOSED: status.FAILED_PRECONDITION,
  PB_INSTANCE_NOT_FOUND: status.NOT_FOUND,
  PB_INSTANCE_NO_ANSWER: status.DEADLINE_EXCEEDED,
  PB_UNAUTHENTICATED: status.UNAUTHENTICATED,
  PB_PERMISSION_DENIED: status.PERMISSION_DENIED,
  PB_TOKEN_EXISTS: status.ALREADY_EXISTS,
  PB_AUTH_DISABLED: status.FAILED_PRECONDITION,
  PB_INTERNAL: status.INTERNAL,
} as const)

/** A stable prodbench control-plane error code. */
export type ErrorCode = keyof typeof GRPC_STATUS_BY_CODE

/** Base of every control-plane error: a stable `code` and its gRPC status. */
export class ProdbenchError extends Error {
  override name = 'ProdbenchError'
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }

  /** The gRPC status code this error is answered with (from {@link GRPC_STATUS_BY_CODE}). */
  get grpcStatus(): status {
    return GRPC_STATUS_BY_CODE[this.code]
  }
}

/** A request field is missing or malformed; `field` is its dotted path (`rule.selector.service`). */
export class InvalidArgumentError extends ProdbenchError {
  override name = 'InvalidArgumentError'
  constructor(
    readonly field: string,
    message: string,
    code: 'PB_INVALID_ARGUMENT' | 'PB_OVER_CEILING' = 'PB_INVALID_ARGUMENT',
  ) {
    super(code, field ? `${field}: ${message}` : message)
  }
}

/**
 * A request field is well formed but above a limit this control plane sets
 * (a budget over `maxBudget`, a tail TTL over `tails.maxTtlMs`); the message
 * names the option. Answered INVALID_ARGUMENT with the field, like any bad field.
 */
export class OverCeilingError extends InvalidArgumentError {
  override name = 'OverCeilingError'
  constructor(
    field: string,
    message: string,
    readonly option: string,
    readonly limit: number,
  ) {
    super(field, message, 'PB_OVER_CEILING')
  }
}

/** `startControlPlane` / `startNatsServer` options are invalid. */
export class InvalidOptionsError extends ProdbenchError {
  override name = 'InvalidOptionsError'
  constructor(message: string) {
    super('PB_INVALID_OPTIONS', message)
  }
}

/** A rule id (or other named thing) does not exist. */
export class NotFoundError extends ProdbenchError {
  override name = 'NotFoundError'
  constructor(message: string) {
    super('PB_NOT_FOUND', message)
  }
}

/** Compare-and-set kept losing to concurrent writers; the change was not made. */
export class ConflictError extends ProdbenchError {
  override name = 'ConflictError'
  constructor(message: string, options?: { cause?: unknown }) {
    super('PB_CONFLICT', message, options)
  }
}

/** The change would take a service past the rule limit. */
export class TooManyRulesError extends ProdbenchError {
  override name = 'TooManyRulesError'
  constructor(message: string) {
    super('PB_TOO_MANY_RULES', message)
  }
}

/** The change would give a service more unexpired capture rules than the control plane allows. */
export class TooManyCapturesError extends ProdbenchError {
  override name = 'TooManyCapturesError'
  constructor(
    readonly service: string,
    readonly limit: number,
  ) {
    super(
      'PB_TOO_MANY_CAPTURES',
      `service ${service} already has ${limit} active captures, the limit (maxCaptures); ` +
        'stop one (RemoveRules by id) or let one expire first',
    )
  }
}

/** A new tail would take this control plane past `tails.maxConcurrent` open tails. */
export class TooManyTailsError extends ProdbenchError {
  override name = 'TooManyTailsError'
  constructor(readonly limit: number) {
    super(
      'PB_TOO_MANY_TAILS',
      `this control plane already streams ${limit} tails, the limit (tails.maxConcurrent); ` +
        'end a tail, or wait for one to reach its TTL',
    )
  }
}

/** A service's desired state in KV is not a valid DesiredState (not written by this control plane). */
export class CorruptStateError extends ProdbenchError {
  override name = 'CorruptStateError'
  constructor(
    readonly service: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('PB_CORRUPT_STATE', message, options)
  }
}

/** NATS (or JetStream) cannot be reached right now. */
export class UnavailableError extends ProdbenchError {
  override name = 'UnavailableError'
  constructor(message: string, options?: { cause?: unknown }) {
    super('PB_UNAVAILABLE', message, options)
  }
}

/** No nats-server binary was found to start the embedded server. */
export class NatsServerMissingError extends ProdbenchError {
  override name = 'NatsServerMissingError'
  constructor(tried: readonly string[]) {
    super(
      'PB_NATS_SERVER_MISSING',
      `nats-server not found (looked on PATH and at ${tried.join(', ')}). ` +
        'Install it with `apt-get install -y nats-server` (Debian/Ubuntu) or download a release from ' +
        'https://github.com/nats-io/nats-server/releases, or pass a NATS URL (--nats / PRODBENCH_NATS).',
    )
  }
}

/** The nats-server child did not become ready (exited or timed out). */
export class NatsServerStartError extends ProdbenchError {
  override name = 'NatsServerStartError'
  constructor(message: string, options?: { cause?: unknown }) {
    super('PB_NATS_SERVER_START', message, options)
  }
}

/** The gRPC server could not listen on the requested address. */
export class GrpcBindError extends ProdbenchError {
  override name = 'GrpcBindError'
  constructor(address: string, cause: unknown) {
    super('PB_GRPC_BIND', `cannot listen for gRPC on ${address}: ${errorMessage(cause)}`, { cause })
  }
}

/** The HTTP gateway (admin UI) could not listen on the requested address. */
export class HttpBindError extends ProdbenchError {
  override name = 'HttpBindError'
  constructor(address: string, cause: unknown) {
    super('PB_HTTP_BIND', `cannot listen for HTTP on ${address}: ${errorMessage(cause)}`, { cause })
  }
}

/** No incident has this id (never existed, or dropped by the stream's age or size limits). */
export class IncidentNotFoundError extends ProdbenchError {
  override name = 'IncidentNotFoundError'
  constructor(readonly id: string) {
    super(
      'PB_INCIDENT_NOT_FOUND',
      `no incident ${id} (never existed, or older than the incident stream keeps; see \`ctl incidents\`)`,
    )
  }
}

/** The incident is closed: it can no longer be acked (a new occurrence opens a new incident). */
export class IncidentClosedError extends ProdbenchError {
  override name = 'IncidentClosedError'
  constructor(readonly id: string) {
    super('PB_INCIDENT_CLOSED', `incident ${id} is closed; a new occurrence of its error opens a new incident`)
  }
}

/** Nobody listens on the instance's subject: it is not live, or its SDK does not offer this (checks, inspector). */
export class InstanceNotFoundError extends ProdbenchError {
  override name = 'InstanceNotFoundError'
  constructor(service: string, instance: string, what: string) {
    super(
      'PB_INSTANCE_NOT_FOUND',
      `no live instance ${instance} of ${service} answers ${what} (see \`ctl status svc=${service}\`)`,
    )
  }
}

/** The instance is there but did not answer in time (a blocked event loop, a slow network). */
export class InstanceNoAnswerError extends ProdbenchError {
  override name = 'InstanceNoAnswerError'
  constructor(service: string, instance: string, what: string, waitMs: number) {
    super('PB_INSTANCE_NO_ANSWER', `instance ${instance} of ${service} did not answer ${what} within ${waitMs} ms`)
  }
}

/** The request carries no credentials, or ones this control plane does not know (unknown, revoked or expired token). */
export class UnauthenticatedError extends ProdbenchError {
  override name = 'UnauthenticatedError'
  constructor(message: string) {
    super('PB_UNAUTHENTICATED', message)
  }
}

/** The caller is known but its role or services do not cover the request; `missing` names what it lacks. */
export class PermissionDeniedError extends ProdbenchError {
  override name = 'PermissionDeniedError'
  constructor(
    readonly missing: string,
    message: string,
  ) {
    super('PB_PERMISSION_DENIED', message)
  }
}

/** CreateToken named a token that exists: revoke it first (names are the audit trail's "who"). */
export class TokenExistsError extends ProdbenchError {
  override name = 'TokenExistsError'
  constructor(readonly tokenName: string) {
    super('PB_TOKEN_EXISTS', `a token named "${tokenName}" exists; revoke it first (ctl token revoke ${tokenName})`)
  }
}

/** Token management on a control plane started without authentication (`--insecure-no-auth`). */
export class AuthDisabledError extends ProdbenchError {
  override name = 'AuthDisabledError'
  constructor(what: string) {
    super(
      'PB_AUTH_DISABLED',
      `${what}: this control plane runs without authentication (--insecure-no-auth / security.auth "none"); ` +
        'start it with tokens to manage them',
    )
  }
}

/** Wraps anything unexpected so callers always see a {@link ProdbenchError}. */
export function toProdbenchError(err: unknown): ProdbenchError {
  if (err instanceof ProdbenchError) return err
  return new ProdbenchError('PB_INTERNAL', errorMessage(err), { cause: err })
}

/** The message of any thrown value. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
