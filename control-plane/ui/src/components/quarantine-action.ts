import { useEffect, useState } from 'preact/hooks'
import { html } from '../html.js'
import { ApiError, apiPath, deleteJson, postJson } from '../lib/api.js'
import { parseDuration } from '../lib/core-lite.js'
import type { ChangeResponse, ErrorBody } from '../lib/types.js'

/** Props of {@link QuarantineAction}. */
export interface QuarantineActionProps {
  service: string
  instance: string
  /** As the instance's heartbeats report it. */
  quarantined: boolean
}

type Step = 'idle' | 'confirm' | 'busy' | 'sent'

/**
 * Takes an instance out of traffic, or back in: a quarantine rule naming it
 * (its readiness check fails, it stays up for debugging), asked twice, with
 * a reason and an optional TTL; or the rule's removal. The badge beside it
 * follows the instance's heartbeats, so "sent" stays until they say so.
 */
export function QuarantineAction({ service, instance, quarantined }: QuarantineActionProps) {
  const [step, setStep] = useState<Step>('idle')
  const [reason, setReason] = useState('')
  const [ttl, setTtl] = useState('')
  const [error, setError] = useState<ErrorBody | undefined>()
  // The heartbeat reported the change: done.
  useEffect(() => setStep((s) => (s === 'sent' ? 'idle' : s)), [quarantined])

  const path = apiPath('services', service, 'instances', instance, 'quarantine')
  const submit = async (event: Event) => {
    event.preventDefault()
    setError(undefined)
    const ttlMs = ttl.trim() ? parseDuration(ttl.trim()) : undefined
    if (ttl.trim() && ttlMs === undefined) {
      setError({ code: 'PB_INVALID_ARGUMENT', message: `"${ttl}" is not a duration (30m, 2h, 1d)` })
      return
    }
    setStep('busy')
    try {
      if (quarantined) await deleteJson<ChangeResponse>(path)
      else {
        await postJson<ChangeResponse>(path, {
          ...(reason.trim() ? { reason: reason.trim() } : {}),
          ...(ttlMs ? { ttlMs } : {}),
          author: localStorage.getItem('prodbench.author') ?? '',
        })
      }
      setStep('sent')
    } catch (err) {
      setError(err instanceof ApiError ? err.body : { code: 'PB_INTERNAL', message: String(err) })
      setStep('confirm')
    }
  }
  const verb = quarantined ? 'Release' : 'Quarantine'
  if (step === 'sent') {
    return html`<span class="muted small" role="status">${quarantined ? 'release' : 'quarantine'} sent, waiting for its heartbeat…</span>`
  }
  if (step === 'idle') {
    return html`<button type="button" class=${quarantined ? 'small-button' : 'small-button danger'}
      aria-label=${`${verb} ${instance}`} onClick=${() => setStep('confirm')}>${verb}</button>`
  }
  return html`<form class="quarantine-form" onSubmit=${submit} aria-label=${`${verb} ${instance}`}>
    ${
      quarantined
        ? html`<span class="small">Back into traffic?</span>`
        : html`<label class="inline small"><span>Reason</span>
            <input value=${reason} onInput=${(e: Event) => setReason((e.target as HTMLInputElement).value)}
              placeholder="why" maxlength="1000" /></label>
          <label class="inline small"><span>For</span>
            <input size="5" value=${ttl} onInput=${(e: Event) => setTtl((e.target as HTMLInputElement).value)}
              placeholder="until released" /></label>`
    }
    <button type="submit" class="small-button danger" disabled=${step === 'busy'}>Confirm ${verb.toLowerCase()}</button>
    <button type="button" class="small-button" onClick=${() => setStep('idle')}>Cancel</button>
    ${error ? html`<span class="field-error" role="alert">${error.message}</span>` : null}
  </form>`
}
