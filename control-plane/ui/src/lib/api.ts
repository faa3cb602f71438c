import { reportUnauthenticated } from './session.js'
import type { ErrorBody } from './types.js'

/**
 * Calls to the gateway's JSON API. Same-origin only; failures come back as
 * {@link ApiError} with the server's code, message and field.
 */

/** A failed request: the gateway's error body and the HTTP status. */
export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message)
  }
}

/** Where a browser signs in (the security layer's session endpoint). */
export const SESSION_PATH = '/api/v1/session'

/** GETs `path` as JSON. */
export function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return request<T>('GET', path, undefined, signal)
}

/** POSTs `body` as JSON. */
export function postJson<T>(path: string, body: unknown): Promise<T> {
  return request<T>('POST', path, body)
}

/** DELETEs `path`. */
export function deleteJson<T>(path: string): Promise<T> {
  return request<T>('DELETE', path)
}

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
      credentials: 'same-origin',
    })
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err
    throw new ApiError(0, { code: 'PB_UNAVAILABLE', message: 'the control plane cannot be reached' })
  }
  const text = await response.text()
  let value: unknown
  try {
    value = text ? JSON.parse(text) : {}
  } catch {
    value = { code: 'PB_INTERNAL', message: text.slice(0, 200) || response.statusText }
  }
  if (response.status === 401 && path !== SESSION_PATH) reportUnauthenticated((value as ErrorBody).message)
  if (!response.ok) throw new ApiError(response.status, value as ErrorBody)
  return value as T
}

/** `/api/v1/services/<svc>...` with each part encoded. */
export function apiPath(...parts: string[]): string {
  return `/api/v1/${parts.map(encodeURIComponent).join('/')}`
}
