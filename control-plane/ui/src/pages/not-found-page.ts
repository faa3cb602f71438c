import { Layout } from '../components/layout.js'
import { html } from '../html.js'
import { href } from '../lib/router.js'

/** A link to a page that does not exist. */
export function NotFoundPage({ path }: { path: string }) {
  return html`<${Layout}>
    <h1>Nothing here</h1>
    <p>There is no page at <code>#/${path}</code>. <a href=${href([])}>Back to the fleet</a>.</p>
  <//>`
}
