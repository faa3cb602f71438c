import { AlertDispatcher } from './alert-dispatcher.js'
import type { AlertTarget } from './alert-target.js'
import { emailTarget } from './email-target.js'
import { webhookTarget } from './webhook-target.js'

/** The `alerts` options after defaults (see incidents/incident-options.ts). */
export interface AlertSettings {
  readonly webhooks: readonly string[]
  readonly smtp?: string | undefined
  readonly emailTo: readonly string[]
  readonly emailFrom: string
  readonly timeoutMs: number
  readonly retries: number
}

/** A dispatcher with one target per webhook and, with `smtp`, one for email. */
export function createAlertDispatcher(settings: AlertSettings, warn: (message: string) => void): AlertDispatcher {
  const targets: AlertTarget[] = settings.webhooks.map((url) => webhookTarget(url, settings.timeoutMs))
  if (settings.smtp !== undefined && settings.emailTo.length > 0) {
    targets.push(
      emailTarget({
        smtp: settings.smtp,
        to: settings.emailTo,
        from: settings.emailFrom,
        timeoutMs: settings.timeoutMs,
      }),
    )
  }
  return new AlertDispatcher({ targets, retries: settings.retries, warn })
}
