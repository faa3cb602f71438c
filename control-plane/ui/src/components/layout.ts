import type { ComponentChildren } from 'preact'
import { html } from '../html.js'
import { href } from '../lib/router.js'

/** Which tab of a service is open. */
export type ServiceTab = 'overview' | 'histograms' | 'tail'

/** Props of {@link Layout}. */
export interface LayoutProps {
  /** The service in view, for the breadcrumb and tabs. */
  service?: string
  tab?: ServiceTab
  /** State of the page's live stream, shown as a small status. */
  connection?: 'connecting' | 'open' | 'retrying' | 'failed'
  children: ComponentChildren
}

const CONNECTION_TEXT = {
  connecting: 'connecting…',
  open: 'live',
  retrying: 'reconnecting…',
  failed: 'not live',
} as const

/** Page frame: brand, breadcrumb, a service's tabs, the live status, then the page. */
export function Layout({ service, tab, connection, children }: LayoutProps) {
  return html`
    <a class="skip" href="#main" onClick=${skipToMain}>Skip to content</a>
    <header class="top">
      <nav class="crumbs" aria-label="Breadcrumb">
        <a class="brand" href=${href([])}>prodbench</a>
        <span aria-hidden="true">›</span>
        <a href=${href([])} aria-current=${service ? undefined : 'page'}>Fleet</a>
        ${
          service &&
          html`<span aria-hidden="true">›</span>
            <a href=${href(['services', service])} aria-current=${tab === 'overview' ? 'page' : undefined}>${service}</a>`
        }
      </nav>
      ${
        connection &&
        html`<span class=${`live live-${connection}`} role="status" aria-live="polite">
          <span class="dot" aria-hidden="true"></span>${CONNECTION_TEXT[connection]}
        </span>`
      }
    </header>
    ${
      service &&
      html`<nav class="tabs" aria-label=${`${service} pages`}>
        <a href=${href(['services', service])} aria-current=${tab === 'overview' ? 'page' : undefined}>Rules & levels</a>
        <a href=${href(['services', service, 'histograms'])} aria-current=${tab === 'histograms' ? 'page' : undefined}
          >Histograms</a
        >
        <a href=${href(['services', service, 'tail'])} aria-current=${tab === 'tail' ? 'page' : undefined}>Tail</a>
      </nav>`
    }
    <main id="main" tabindex="-1">${children}</main>
  `
}

/** The skip link targets the main element without changing the hash route. */
function skipToMain(event: Event): void {
  event.preventDefault()
  document.getElementById('main')?.focus()
}
