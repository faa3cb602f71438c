import { html } from '../html.js'
import { useServerNow } from '../lib/clock.js'
import { countdown } from '../lib/format.js'
import type { ErrorBody, Health } from '../lib/types.js'

/** Small shared pieces: health badge, countdown, error box, empty state. */

const HEALTH_TEXT: Readonly<Record<Health, string>> = { ok: 'ok', late: 'late', refused: 'refused' }

/** An instance's health as a labelled badge (text, not color alone). */
export function HealthBadge({ health, quarantined }: { health: Health; quarantined?: boolean | undefined }) {
  return html`<span class=${`badge badge-${health}`}>${HEALTH_TEXT[health]}</span>${
    quarantined ? html` <span class="badge badge-quarantined">quarantined</span>` : null
  }`
}

/** Time left until `at` on the control plane's clock, ticking; "no expiry" when absent. */
export function Countdown({ at }: { at: number | undefined }) {
  const now = useServerNow()
  if (!at) return html`<span class="muted">no expiry</span>`
  const left = countdown(at, now)
  return html`<time class=${left === 'expired' ? 'muted' : 'countdown'} dateTime=${new Date(at).toISOString()}
    title=${new Date(at).toLocaleString()}>${left}</time>`
}

/** A failure from the gateway, with its code. */
export function ErrorBox({ error, title }: { error: ErrorBody | undefined; title?: string }) {
  if (!error) return null
  return html`<div class="error" role="alert">
    <strong>${title ?? 'Error'}</strong> ${error.message} <code class="muted">${error.code}</code>
  </div>`
}

/** A placeholder while the first data arrives. */
export function Loading({ what }: { what: string }) {
  return html`<p class="muted" aria-busy="true">Loading ${what}…</p>`
}
