import { useState } from 'preact/hooks'
import { html } from '../html.js'
import { ApiError, apiPath, postJson } from '../lib/api.js'
import type { ErrorBody, IncidentSummary } from '../lib/types.js'
import { ErrorBox } from './bits.js'

/**
 * Ack ("someone is on it": no more digests) and close ("fixed": the next
 * occurrence opens a new incident), with an optional reason recorded with
 * the author. Closing asks twice.
 */
export function IncidentActions({
  incident,
  onChanged,
}: {
  incident: IncidentSummary
  onChanged(incident: IncidentSummary): void
}) {
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [confirmClose, setConfirmClose] = useState(false)
  const [error, setError] = useState<ErrorBody | undefined>()
  const [done, setDone] = useState('')

  const act = async (action: 'ack' | 'close') => {
    setBusy(true)
    setError(undefined)
    try {
      const answer = await postJson<{ incident: IncidentSummary }>(
        apiPath('services', incident.service, 'incidents', incident.id, action),
        { ...(reason.trim() ? { reason: reason.trim() } : {}), author: localStorage.getItem('prodbench.author') ?? '' },
      )
      onChanged(answer.incident)
      setDone(action === 'ack' ? 'Acknowledged.' : 'Closed.')
      setReason('')
      setConfirmClose(false)
    } catch (err) {
      setError(err instanceof ApiError ? err.body : { code: 'PB_INTERNAL', message: String(err) })
    } finally {
      setBusy(false)
    }
  }

  if (incident.status === 'closed') {
    return html`<p class="muted small" role="status">${done || 'Closed: the next occurrence opens a new incident.'}</p>`
  }
  return html`<form class="incident-actions" onSubmit=${(e: Event) => e.preventDefault()} aria-label="Acknowledge or close">
    <label class="inline"><span>Note <span class="muted">(optional)</span></span>
      <input id="incident-reason" value=${reason} maxlength="1000" placeholder="looking into it, deploy rolled back…"
        onInput=${(e: Event) => setReason((e.target as HTMLInputElement).value)} /></label>
    ${
      incident.status === 'open'
        ? html`<button type="button" class="primary" disabled=${busy} onClick=${() => act('ack')}>Acknowledge</button>`
        : null
    }
    ${
      confirmClose
        ? html`<button type="button" class="danger" disabled=${busy} onClick=${() => act('close')}>Confirm close</button>
            <button type="button" onClick=${() => setConfirmClose(false)}>Keep open</button>`
        : html`<button type="button" disabled=${busy} onClick=${() => setConfirmClose(true)}>Close…</button>`
    }
    <span class="muted small" role="status">${done}</span>
    <${ErrorBox} error=${error} title="Not changed:" />
  </form>`
}
