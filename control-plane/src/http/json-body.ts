import type { IncomingMessage } from 'node:http'
import { InvalidArgumentError } from '../errors.js'
import { HttpStatusError } from './http-errors.js'

/** The body each request's route read, for the audit record of the request. */
const bodies = new WeakMap<IncomingMessage, Readonly<Record<string, unknown>>>()

/** The JSON body a route read from `request` with {@link readJsonObject}, if it read one. */
export function bodyRead(request: IncomingMessage): Readonly<Record<string, unknown>> | undefined {
  return bodies.get(request)
}

/** Largest request body accepted (a rule with a long reason is well under it). */
export const MAX_BODY_BYTES = 64 * 1024

/**
 * Reads a JSON object body. Only `application/json` is accepted: a browser
 * cannot send that cross-site without a CORS preflight, which the gateway
 * never grants, so another site open in the same browser cannot change rules.
 * @throws {HttpStatusError} 415 for another content type, 413 when too large
 * @throws {InvalidArgumentError} when the body is not a JSON object
 */
export async function readJsonObject(request: IncomingMessage): Promise<Record<string, unknown>> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
  if (type !== 'application/json') {
    throw new HttpStatusError(415, '(body)', `send Content-Type: application/json (got ${type || 'none'})`)
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) throw new HttpStatusError(413, '(body)', `is over ${MAX_BODY_BYTES} bytes`)
    chunks.push(chunk)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  let value: unknown
  try {
    value = text.trim() === '' ? {} : JSON.parse(text)
  } catch (err) {
    throw new InvalidArgumentError('(body)', `is not valid JSON: ${(err as Error).message}`)
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidArgumentError('(body)', 'must be a JSON object')
  }
  bodies.set(request, value as Record<string, unknown>)
  return value as Record<string, unknown>
}

/** `value[key]` when it is an object (or absent); a string or number there is named as the bad field. */
export function objectField(
  value: Record<string, unknown>,
  key: string,
  path = key,
): Record<string, unknown> | undefined {
  const field = value[key]
  if (field === undefined || field === null) return undefined
  if (typeof field !== 'object' || Array.isArray(field)) throw new InvalidArgumentError(path, 'must be an object')
  return field as Record<string, unknown>
}
