import { createTransport, type Transporter } from 'nodemailer'
import { alertEmail } from './alert.js'
import { AlertDeliveryError, type AlertTarget } from './alert-target.js'

/** Options of {@link emailTarget}. */
export interface EmailTargetOptions {
  /** `smtp://[user:pass@]host:port` or `smtps://...`. */
  readonly smtp: string
  readonly to: readonly string[]
  readonly from: string
  readonly timeoutMs: number
}

/** Email through SMTP (nodemailer): one message per alert to every address in `to`. */
export function emailTarget(options: EmailTargetOptions): AlertTarget {
  let transport: Transporter | undefined
  return {
    name: `email ${options.to.join(', ')}`,
    async send(alert, signal) {
      transport ??= createTransport({
        url: options.smtp,
        connectionTimeout: options.timeoutMs,
        greetingTimeout: options.timeoutMs,
        socketTimeout: options.timeoutMs,
      } as Parameters<typeof createTransport>[0])
      const { subject, text } = alertEmail(alert)
      const sending = transport.sendMail({
        from: options.from,
        to: [...options.to],
        subject,
        text,
        headers: { 'X-Prodbench-Incident': alert.incident.id ?? '' },
      })
      const aborted = new Promise<never>((_, reject) => {
        if (signal.aborted) reject(new AlertDeliveryError('aborted', false))
        signal.addEventListener('abort', () => reject(new AlertDeliveryError('aborted', false)), { once: true })
      })
      try {
        await Promise.race([sending, aborted])
      } catch (err) {
        if (err instanceof AlertDeliveryError) throw err
        // SMTP 5xx answers are permanent (bad address, refused sender); the rest may pass later.
        const code = (err as { responseCode?: number }).responseCode
        throw new AlertDeliveryError(`SMTP: ${(err as Error).message}`, !(code && code >= 500), { cause: err })
      }
    },
    close() {
      transport?.close()
      transport = undefined
    },
  }
}
