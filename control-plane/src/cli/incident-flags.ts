import type { ParseArgsConfig } from 'node:util'
import { parseDuration } from '@prodbench/sdk/core'
import type { ControlPlaneOptions } from '../options.js'

/**
 * The `control-plane` command's incident and alert flags: parseArgs options,
 * their help lines, and the options they become (checked again, with the
 * other options, by `startControlPlane`).
 */

type Options = NonNullable<ParseArgsConfig['options']>

/** parseArgs options of the incident and alert flags. */
export const INCIDENT_FLAG_OPTIONS = {
  'public-url': { type: 'string' },
  'alert-webhook': { type: 'string', multiple: true },
  smtp: { type: 'string' },
  'alert-email-to': { type: 'string', multiple: true },
  'alert-email-from': { type: 'string' },
  'alert-digest-ms': { type: 'string' },
  'max-quarantine-fraction': { type: 'string' },
  'incident-max-age': { type: 'string' },
  'incident-max-bytes': { type: 'string' },
} satisfies Options

/** What parseArgs gives for those flags. */
export interface IncidentFlagValues {
  'public-url'?: string
  'alert-webhook'?: string[]
  smtp?: string
  'alert-email-to'?: string[]
  'alert-email-from'?: string
  'alert-digest-ms'?: string
  'max-quarantine-fraction'?: string
  'incident-max-age'?: string
  'incident-max-bytes'?: string
}

/** Help lines of the flags (the command's usage includes them). */
export const INCIDENT_FLAGS_USAGE = `  --public-url URL  admin UI base URL in alert links     (env PRODBENCH_PUBLIC_URL;
                                                         default http://<the --http address>)
  --alert-webhook URL  POST each alert as JSON, repeatable (env PRODBENCH_ALERT_WEBHOOKS, comma-separated)
  --smtp URL        email alerts through smtp://[user:pass@]host:port  (env PRODBENCH_SMTP)
  --alert-email-to ADDRESS  recipient, repeatable       (env PRODBENCH_ALERT_EMAIL_TO, comma-separated)
  --alert-email-from ADDRESS  sender                    (default prodbench@localhost)
  --alert-digest-ms N  at most one digest of repeats per incident per N ms (default 600000)
  --max-quarantine-fraction F  most of a service's instances quarantined automatically (default 0.25)
  --incident-max-age DURATION  incidents untouched this long are dropped (default 30d)
  --incident-max-bytes SIZE  the incident stream's size limit, e.g. 512MiB (default 1GiB)`

/**
 * The options the flags (or their environment variables) give; a value that
 * is not a number, duration or size where one is needed is a usage error.
 * @returns the options, or the problem as a message
 */
export function incidentOptionsFrom(
  values: IncidentFlagValues,
  env: NodeJS.ProcessEnv,
): Partial<ControlPlaneOptions> | string {
  const list = (flag: string[] | undefined, variable: string | undefined) =>
    (flag ?? variable?.split(',') ?? []).map((v) => v.trim()).filter(Boolean)
  const webhooks = list(values['alert-webhook'], env.PRODBENCH_ALERT_WEBHOOKS)
  const emailTo = list(values['alert-email-to'], env.PRODBENCH_ALERT_EMAIL_TO)
  const smtp = values.smtp ?? (env.PRODBENCH_SMTP || undefined)
  const publicUrl = values['public-url'] ?? (env.PRODBENCH_PUBLIC_URL || undefined)
  const digest = values['alert-digest-ms']
  if (digest !== undefined && !/^\d+$/.test(digest.trim()))
    return `--alert-digest-ms must be a whole number of ms (got "${digest}")`
  const fraction = values['max-quarantine-fraction']
  if (fraction !== undefined && !(Number(fraction) > 0 && Number(fraction) <= 1)) {
    return `--max-quarantine-fraction must be a number above 0 and at most 1 (got "${fraction}")`
  }
  const age = values['incident-max-age']
  const maxAgeMs = age === undefined ? undefined : parseDuration(age)
  if (age !== undefined && !maxAgeMs) return `--incident-max-age must be a duration such as 7d or 720h (got "${age}")`
  const size = values['incident-max-bytes']
  const maxBytes = size === undefined ? undefined : parseBytes(size)
  if (size !== undefined && maxBytes === undefined)
    return `--incident-max-bytes must be a size such as 512MiB (got "${size}")`
  const alerts = {
    ...(webhooks.length > 0 ? { webhooks } : {}),
    ...(smtp ? { smtp } : {}),
    ...(emailTo.length > 0 ? { emailTo } : {}),
    ...(values['alert-email-from'] ? { emailFrom: values['alert-email-from'] } : {}),
    ...(digest !== undefined ? { digestMs: Number(digest) } : {}),
  }
  const incidents = {
    ...(fraction !== undefined ? { maxQuarantineFraction: Number(fraction) } : {}),
    ...(maxAgeMs !== undefined ? { maxAgeMs } : {}),
    ...(maxBytes !== undefined ? { maxBytes } : {}),
  }
  return { ...(publicUrl ? { publicUrl } : {}), alerts, incidents }
}

/** "1073741824", "512MiB", "1GiB", "64KiB" → bytes; undefined when it is none of those. */
function parseBytes(text: string): number | undefined {
  const match = /^\s*(\d+)\s*(B|KiB|MiB|GiB)?\s*$/.exec(text)
  if (!match) return undefined
  const scale = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 }[match[2] ?? 'B'] as number
  return Number(match[1]) * scale
}
