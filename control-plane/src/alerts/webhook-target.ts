import { alertPayload } from './alert.js'
import { AlertDeliveryError, type AlertTarget, redactUrl } from './alert-target.js'

/** A webhook: the alert's JSON POSTed to `url`; any 2xx answer is a delivery. */
export function webhookTarget(url: string, timeoutMs: number): AlertTarget {
  return {
    name: `webhook ${redactUrl(url)}`,
    async send(alert, signal) {
      let response: Response
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'prodbench-control-plane' },
          body: JSON.stringify(alertPayload(alert)),
          signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
          redirect: 'error',
        })
      } catch (err) {
        // fetch says "fetch failed"; the reason (ECONNREFUSED, a timeout) is its cause.
        const cause = (err as { cause?: { code?: string; message?: string } }).cause
        const why = cause ? `: ${cause.code ?? cause.message}` : ''
        throw new AlertDeliveryError(`POST failed: ${(err as Error).message}${why}`, true, { cause: err })
      }
      // Read the body so the connection can be reused; its content does not matter.
      await response.arrayBuffer().catch(() => undefined)
      if (response.ok) return
      const retryable = response.status >= 500 || response.status === 408 || response.status === 429
      throw new AlertDeliveryError(`answered ${response.status} ${response.statusText}`, retryable)
    },
    close() {},
  }
}
