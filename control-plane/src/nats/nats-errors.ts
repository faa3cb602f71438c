import { ErrorCode, NatsError } from 'nats'
import { UnavailableError } from '../errors.js'

// How `nats` client errors become prodbench errors: the only place that knows the client's codes.

/** NATS errors that mean "not reachable right now" become {@link UnavailableError}; others pass through. */
export function toUnavailable(err: unknown, context: string): unknown {
  if (err instanceof UnavailableError) return err
  if (err instanceof NatsError && UNAVAILABLE_CODES.has(err.code)) {
    return new UnavailableError(`${context}: ${describeNatsError(err)}`, { cause: err })
  }
  return err
}

const UNAVAILABLE_CODES: ReadonlySet<string> = new Set([
  ErrorCode.Timeout,
  ErrorCode.ConnectionClosed,
  ErrorCode.ConnectionDraining,
  ErrorCode.ConnectionRefused,
  ErrorCode.ConnectionTimeout,
  ErrorCode.Disconnect,
  ErrorCode.NoResponders,
])

/** The message of a NATS error with its code. */
export function describeNatsError(err: unknown): string {
  if (!(err instanceof Error)) return String(err)
  const code = (err as { code?: unknown }).code
  return code && !err.message.includes(String(code)) ? `${err.message} (${String(code)})` : err.message
}
