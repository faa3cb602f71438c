import { ErrorCode, NatsError } from 'nats'
import { ConflictError, UnavailableError } from '../errors.js'

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

/** JetStream's "wrong last sequence" error: a compare-and-set lost. */
export const JS_WRONG_LAST_SEQUENCE = 10071
/** JetStream's "no message found" (get by subject). */
export const JS_NO_MESSAGE_FOUND = 10037
/** JetStream's "stream not found". */
export const JS_STREAM_NOT_FOUND = 10059

/**
 * JetStream's "stream name already in use" and "subjects overlap with an
 * existing stream": what an add can answer when another client added the
 * same stream between this one's look-up and its add.
 */
const JS_CREATE_RACE: ReadonlySet<number> = new Set([10058, 10065])

/**
 * Runs `create` (look a stream or KV bucket up, add it when missing) again
 * when another client added the same one at the same moment, so control
 * planes that start together all come up: the next look-up finds it. At most
 * `tries` tries, 50 ms more apart each time; any other error is thrown at once.
 */
export async function retryCreateRace<T>(create: () => Promise<T>, tries = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await create()
    } catch (err) {
      if (attempt >= tries || !JS_CREATE_RACE.has(jetStreamCode(err) ?? 0)) throw err
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt))
    }
  }
}

/** The JetStream API error code an error carries, if any. */
export function jetStreamCode(err: unknown): number | undefined {
  return (err as { api_error?: { err_code?: number } })?.api_error?.err_code
}

/** Runs one NATS operation named `what`; see {@link guardNats}. */
export type NatsGuard = <T>(what: string, op: () => Promise<T>) => Promise<T>

/**
 * Wraps the operations of a KV bucket or stream: while NATS is disconnected
 * each waits `whenConnected`'s grace, then fails with {@link UnavailableError};
 * an operation that fails as unreachable does too. With `conflictOn` (what a
 * compare-and-set guards, e.g. `key`), a lost compare-and-set becomes a
 * {@link ConflictError} naming it.
 */
export function guardNats(whenConnected: () => Promise<boolean>, servers: string, conflictOn?: string): NatsGuard {
  return async (what, op) => {
    if (!(await whenConnected())) {
      throw new UnavailableError(`NATS at ${servers} is not connected (reconnecting); ${what} failed`)
    }
    try {
      return await op()
    } catch (err) {
      if (conflictOn && jetStreamCode(err) === JS_WRONG_LAST_SEQUENCE) {
        throw new ConflictError(`${what}: the ${conflictOn} changed since it was read`, { cause: err })
      }
      throw toUnavailable(err, `${what} on NATS at ${servers}`)
    }
  }
}
