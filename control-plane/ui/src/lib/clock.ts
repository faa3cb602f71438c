import { useEffect, useState } from 'preact/hooks'

/**
 * The control plane's clock as seen from the browser: every answer and event
 * carries the server's `now`, and countdowns use it, so a laptop whose clock
 * is off still shows a rule's expiry right.
 */
let offsetMs = 0

/** Takes the server's `now` from an answer or event. */
export function syncClock(serverNow: unknown): void {
  if (typeof serverNow === 'number' && serverNow > 0) offsetMs = serverNow - Date.now()
}

/** The server's time now (unix ms). */
export function serverNow(): number {
  return Date.now() + offsetMs
}

/** The server's time, re-rendering the component every `everyMs`. */
export function useServerNow(everyMs = 1_000): number {
  const [now, setNow] = useState(serverNow)
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), everyMs)
    return () => clearInterval(timer)
  }, [everyMs])
  return now
}
