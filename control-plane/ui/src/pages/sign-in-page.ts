import { useState } from 'preact/hooks'
import { ErrorBox } from '../components/bits.js'
import { Layout } from '../components/layout.js'
import { html } from '../html.js'
import { ApiError, postJson, SESSION_PATH } from '../lib/api.js'
import type { ErrorBody } from '../lib/types.js'

/**
 * Shown instead of a page when the control plane asks for a token: the token
 * is sent once to the session endpoint, which keeps it in an HttpOnly cookie,
 * then the page that was asked for loads again (its URL unchanged, so an
 * alert link still lands on its incident).
 */
export function SignInPage({ reason }: { reason: string }) {
  const [token, setToken] = useState('')
  const [error, setError] = useState<ErrorBody | undefined>()
  const [busy, setBusy] = useState(false)
  const submit = async (event: Event) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await postJson(SESSION_PATH, { token: token.trim() })
      location.reload()
    } catch (err) {
      setError(err instanceof ApiError ? err.body : { code: 'PB_INTERNAL', message: String(err) })
      setBusy(false)
    }
  }
  return html`<${Layout}>
    <div class="page-head"><h1>Sign in</h1></div>
    <p class="muted">${reason || 'This control plane requires a token.'}</p>
    <form class="sign-in" onSubmit=${submit} aria-label="Sign in">
      <label class="field"><span>API token</span>
        <input type="password" autocomplete="off" required value=${token} placeholder="pbt_…"
          onInput=${(e: Event) => setToken((e.target as HTMLInputElement).value)} /></label>
      <p class="hint">A viewer token reads; an operator token also changes rules, acks incidents, runs checks and
        quarantines (<code>ctl token create --name NAME --role operator</code>). It is kept in a cookie this page's scripts
        cannot read, for 12 hours.</p>
      <button type="submit" class="primary" disabled=${busy}>Sign in</button>
      <${ErrorBox} error=${error} title="Not signed in:" />
    </form>
  <//>`
}
