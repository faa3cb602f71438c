import type { IncomingMessage, ServerResponse } from 'node:http'
import { InvalidArgumentError } from '../errors.js'
import { readJsonObject } from '../http/json-body.js'
import type { Principal } from './principal.js'
import type { Security } from './security.js'

/** The admin UI's session endpoint. */
export const SESSION_PATH = '/api/v1/session'
/** How long a browser keeps the session cookie. */
const SESSION_MAX_AGE_S = 12 * 60 * 60

/**
 * A browser session for the admin UI, whose EventSource streams cannot send
 * an Authorization header: `POST /api/v1/session {"token": "pbt_..."}`
 * checks the token and sets it as the `prodbench_token` cookie (HttpOnly: no
 * script reads it; SameSite=Strict: no other site sends it; Path=/api), which
 * the gateway accepts like the header. `GET` says who the session is (401
 * without one), `DELETE` ends it. Returns the status and body to answer.
 * @throws {UnauthenticatedError} for a token that is not valid
 */
export async function handleSession(
  security: Security,
  request: IncomingMessage,
  response: ServerResponse,
  cookieName: string,
  authorization: (request: IncomingMessage) => string | undefined,
): Promise<{ status: number; body: Record<string, unknown> }> {
  switch (request.method) {
    case 'GET':
      return { status: 200, body: view(security, await security.authenticate(authorization(request))) }
    case 'POST': {
      const body = await readJsonObject(request)
      if (typeof body.token !== 'string' || body.token === '') throw new InvalidArgumentError('token', 'is required')
      const principal = await security.authenticate(`Bearer ${body.token}`)
      if (security.auth === 'tokens') {
        response.setHeader(
          'set-cookie',
          `${cookieName}=${encodeURIComponent(body.token)}; HttpOnly; SameSite=Strict; Path=/api; Max-Age=${SESSION_MAX_AGE_S}`,
        )
      }
      return { status: 200, body: view(security, principal) }
    }
    case 'DELETE':
      response.setHeader('set-cookie', `${cookieName}=; HttpOnly; SameSite=Strict; Path=/api; Max-Age=0`)
      return { status: 200, body: { ended: true } }
    default:
      response.setHeader('allow', 'GET, POST, DELETE')
      return { status: 405, body: { code: 'PB_INVALID_ARGUMENT', message: `${request.method} is not allowed here` } }
  }
}

function view(security: Security, principal: Principal) {
  return { auth: security.auth, name: principal.name, role: principal.role, services: [...principal.services] }
}
