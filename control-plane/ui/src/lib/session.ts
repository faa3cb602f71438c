import { useEffect, useState } from 'preact/hooks'

/**
 * Signing in, when the control plane requires tokens (docs/security.md):
 * any answer 401 (a missing or expired session) tells the app, which shows
 * the sign-in form; the token is posted once to `/api/v1/session`, which
 * keeps it in an HttpOnly cookie (no script reads it, no URL carries it).
 */

const EVENT = 'prodbench:unauthenticated'

/** Says the control plane refused the request's credentials (called by the API helpers on a 401). */
export function reportUnauthenticated(message: string): void {
  dispatchEvent(new CustomEvent(EVENT, { detail: message }))
}

/** The message of the last 401, once one came; undefined while signed in (or when no token is needed). */
export function useUnauthenticated(): string | undefined {
  const [message, setMessage] = useState<string | undefined>()
  useEffect(() => {
    const listener = (event: Event) => setMessage(String((event as CustomEvent).detail ?? ''))
    addEventListener(EVENT, listener)
    return () => removeEventListener(EVENT, listener)
  }, [])
  return message
}
