import { channel } from 'node:diagnostics_channel'

/**
 * The SDK's own troubles (a refused desired state, a failed publish, a NATS
 * error) go here instead of being thrown into the host: to the
 * `prodbench:sdk` diagnostics channel, and to the SDK's `prodbench` logger.
 */
export const DIAGNOSTICS_CHANNEL = 'prodbench:sdk'

/** One event of the SDK's own. */
export interface Diagnostic {
  readonly service: string
  readonly instance: string
  readonly event: string
  readonly message: string
  readonly error?: unknown
}

const published = channel(DIAGNOSTICS_CHANNEL)

/** Receives SDK diagnostics; must not throw (it is guarded anyway). */
export type DiagnosticSink = (diagnostic: Diagnostic) => void

/** Publishes a diagnostic and hands it to `sink`, swallowing any error of either. */
export function report(sink: DiagnosticSink | undefined, diagnostic: Diagnostic): void {
  try {
    if (published.hasSubscribers) published.publish(diagnostic)
  } catch {
    // a subscriber's error must not reach the host
  }
  try {
    sink?.(diagnostic)
  } catch {
    // same
  }
}
