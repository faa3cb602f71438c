import { z } from 'zod'

/**
 * The control plane's incident and alert options (fields `incidents`,
 * `alerts` and `publicUrl` of `startControlPlane`), kept beside the code
 * they configure. Validated once with the other options.
 */

/** Default age past which the stream drops an incident (since its last change): 30 days. */
export const DEFAULT_INCIDENT_MAX_AGE_MS = 30 * 86_400_000
/** Default size past which the stream drops the oldest incidents: 1 GiB. */
export const DEFAULT_INCIDENT_MAX_BYTES = 1024 * 1024 * 1024
/** Default interval of digests: 10 minutes. */
export const DEFAULT_ALERT_DIGEST_MS = 10 * 60_000
/** Default TTL of automatic quarantine rules: 24 hours. */
export const DEFAULT_AUTO_QUARANTINE_TTL_MS = 24 * 60 * 60_000

/** `incidents`: the stream's limits and the automatic quarantine. */
export const IncidentOptions = z
  .object({
    /**
     * Incidents untouched for this long are dropped by the stream (JetStream `max_age`).
     * @default 2592000000 (30 days)
     */
    maxAgeMs: z.number().int().min(60_000).default(DEFAULT_INCIDENT_MAX_AGE_MS),
    /**
     * Past this size the stream drops the oldest incidents (JetStream `max_bytes`).
     * @default 1073741824 (1 GiB)
     */
    maxBytes: z
      .number()
      .int()
      .min(1024 * 1024)
      .default(DEFAULT_INCIDENT_MAX_BYTES),
    /**
     * Largest share of a service's live instances quarantined automatically at once:
     * `floor(live × fraction)`, at least 1, never all (a lone instance is never quarantined).
     * @default 0.25
     */
    maxQuarantineFraction: z.number().gt(0).max(1).default(0.25),
    /**
     * TTL of the quarantine rules written automatically (0: none, they stay until `ctl release`).
     * @default 86400000 (24 h)
     */
    autoQuarantineTtlMs: z.number().int().nonnegative().default(DEFAULT_AUTO_QUARANTINE_TTL_MS),
  })
  .prefault({})

/** `alerts`: where alerts about new incidents (and digests of repeats) go. */
export const AlertOptions = z
  .object({
    /**
     * URLs that get each alert as a JSON POST.
     * @default [] (none)
     */
    webhooks: z.array(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' })).default([]),
    /**
     * SMTP server for email alerts: `smtp://[user:pass@]host:port` (or `smtps://`), with
     * nodemailer's options as query parameters (`?ignoreTLS=true`, `?tls.rejectUnauthorized=false`).
     * @default undefined (no email)
     */
    smtp: z
      .string()
      .regex(/^smtps?:\/\/[^\s/?]+\/?(\?\S*)?$/, 'must be smtp://[user:pass@]host:port[?options] or smtps://...')
      .optional(),
    /**
     * Addresses email alerts go to (required with `smtp`).
     * @default []
     */
    emailTo: z.array(z.email({ message: 'must be an email address' })).default([]),
    /**
     * Sender of email alerts.
     * @default 'prodbench@localhost'
     */
    emailFrom: z.string().min(3).default('prodbench@localhost'),
    /**
     * At most one digest per incident in this long, and only when its count grew.
     * @default 600000 (10 min)
     */
    digestMs: z.number().int().min(10).default(DEFAULT_ALERT_DIGEST_MS),
    /**
     * Timeout of one delivery (webhook POST, SMTP steps).
     * @default 10000
     */
    timeoutMs: z.number().int().min(100).max(300_000).default(10_000),
    /**
     * Retries of a delivery that failed in a way that may pass (timeout, 5xx, refused connection), with backoff.
     * @default 5
     */
    retries: z.number().int().min(0).max(20).default(5),
  })
  .prefault({})
  .refine((a) => a.smtp === undefined || a.emailTo.length > 0, {
    message: 'smtp needs at least one address in emailTo',
    path: ['emailTo'],
  })
  .refine((a) => a.emailTo.length === 0 || a.smtp !== undefined, {
    message: 'emailTo needs an smtp server',
    path: ['smtp'],
  })

/** Base URL of the admin UI in alert links (`<publicUrl>/#/incidents/<id>`). */
export const PublicUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
