import { Layout } from '../components/layout.js'
import { html } from '../html.js'
import { href } from '../lib/router.js'

/**
 * Where alert links land (`#/incidents/<id>`) until the incidents pages are
 * built: the id, and how to see the incident now.
 */
export function IncidentPage({ id }: { id: string | undefined }) {
  return html`<${Layout}>
    <div class="page-head"><h1>${id ? html`Incident <code>${id}</code>` : 'Incidents'}</h1></div>
    <p class="notice" role="status">The incident pages are not in this version of the admin UI yet.</p>
    <p>Until then, in a terminal:</p>
    <pre><code>${id ? `npx ctl incident show ${id}` : 'npx ctl incidents'}</code></pre>
    <p><a href=${href([])}>Back to the fleet</a></p>
  <//>`
}
