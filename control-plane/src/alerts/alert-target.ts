import type { Alert } from './alert.js'

/** Where alerts go: a webhook, or email. `send` throws an {@link AlertDeliveryError} when it failed. */
export interface AlertTarget {
  /** For messages: "webhook https://hooks.example/x", "email oncall@example.com". */
  readonly name: string
  send(alert: Alert, signal: AbortSignal): Promise<void>
  /** Frees sockets (the SMTP pool). Idempotent. */
  close(): void
}

/** One failed delivery; `retryable` false for an answer that will not change (a 4xx other than 408/429). */
export class AlertDeliveryError extends Error {
  override name = 'AlertDeliveryError'
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** A URL for messages: credentials and query (tokens often live there) left out. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`
  } catch {
    return '(bad URL)'
  }
}
