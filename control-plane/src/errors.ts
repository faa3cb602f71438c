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
  PB_CORRUPT_STATE: status.DATA_LOSS,
  PB_UNAVAILABLE: status.UNAVAILABLE,
  PB_NATS_SERVER_MISSING: status.FAILED_PRECONDITION,
  PB_NATS_SERVER_START: status.UNAVAILABLE,
  PB_GRPC_BIND: status.UNAVAILABLE,
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
  ) {
    super('PB_INVALID_ARGUMENT', field ? `${field}: ${message}` : message)
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

/** Wraps anything unexpected so callers always see a {@link ProdbenchError}. */
export function toProdbenchError(err: unknown): ProdbenchError {
  if (err instanceof ProdbenchError) return err
  return new ProdbenchError('PB_INTERNAL', errorMessage(err), { cause: err })
}

/** The message of any thrown value. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
