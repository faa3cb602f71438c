import type { ComponentChildren } from 'preact'
import { html } from '../html.js'
import { href } from '../lib/router.js'

/** Which tab of a service is open. */
export type ServiceTab = 'overview' | 'histograms' | 'tail' | 'checks'

/** A top-level section, for the header's links. */
export type Section = 'incidents' | 'audit'

/** Props of {@link Layout}. */
export interface LayoutProps {
  /** The service in view, for the breadcrumb and tabs. */
  service?: string
  tab?: ServiceTab
  /** The section in view (not a service's page). */
  section?: Section
  /** More breadcrumb after the section: the incident in view. */
  crumb?: { label: string; href: string }
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
export function Layout({ service, tab, section, crumb, connection, children }: LayoutProps) {
  const top = !service && !section
  return html`
    <a class="skip" href="#main" onClick=${skipToMain}>Skip to content</a>
    <header class="top">
      <nav class="crumbs" aria-label="Breadcrumb">
        <a class="brand" href=${href([])}>prodbench</a>
        <span aria-hidden="true">›</span>
        ${
          section === 'incidents'
            ? html`<a href=${href(['incidents'])} aria-current=${crumb ? undefined : 'page'}>Incidents</a>`
            : section === 'audit'
              ? html`<a href=${href(['audit'])} aria-current="page">Audit log</a>`
              : html`<a href=${href([])} aria-current=${top ? 'page' : undefined}>Fleet</a>`
        }
        ${
          crumb &&
          html`<span aria-hidden="true">›</span>
            <a href=${crumb.href} aria-current="page">${crumb.label}</a>`
        }
        ${
          service &&
          html`<span aria-hidden="true">›</span>
            <a href=${href(['services', service])} aria-current=${tab === 'overview' ? 'page' : undefined}>${service}</a>`
        }
      </nav>
      <div class="top-right">
        <nav class="sections" aria-label="Sections">
          <a href=${href([])} aria-current=${top ? 'page' : undefined}>Fleet</a>
          <a href=${href(['incidents'])} aria-current=${section === 'incidents' ? 'page' : undefined}>Incidents</a>
          <a href=${href(['audit'])} aria-current=${section === 'audit' ? 'page' : undefined}>Audit log</a>
        </nav>
        ${
          connection &&
          html`<span class=${`live live-${connection}`} role="status" aria-live="polite">
            <span class="dot" aria-hidden="true"></span>${CONNECTION_TEXT[connection]}
          </span>`
        }
      </div>
    </header>
    ${
      service &&
      html`<nav class="tabs" aria-label=${`${service} pages`}>
        <a href=${href(['services', service])} aria-current=${tab === 'overview' ? 'page' : undefined}>Rules & levels</a>
        <a href=${href(['services', service, 'histograms'])} aria-current=${tab === 'histograms' ? 'page' : undefined}
          >Histograms</a
        >
        <a href=${href(['services', service, 'tail'])} aria-current=${tab === 'tail' ? 'page' : undefined}>Tail</a>
        <a href=${href(['services', service, 'checks'])} aria-current=${tab === 'checks' ? 'page' : undefined}>Checks</a>
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
