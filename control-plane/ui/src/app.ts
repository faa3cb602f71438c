import { html } from './html.js'
import { lazy } from './lib/lazy.js'
import { useLocation } from './lib/router.js'
import { useUnauthenticated } from './lib/session.js'
import { AuditPage } from './pages/audit-page.js'
import { ChecksPage } from './pages/checks-page.js'
import { FleetPage } from './pages/fleet-page.js'
import { IncidentPage } from './pages/incident-page.js'
import { IncidentsPage } from './pages/incidents-page.js'
import { NotFoundPage } from './pages/not-found-page.js'
import { ServicePage } from './pages/service-page.js'
import { SignInPage } from './pages/sign-in-page.js'
import { TailPage } from './pages/tail-page.js'

/** uPlot comes with the histograms page only. */
const HistogramsPage = lazy('the histograms page', () =>
  import('./pages/histograms-page.js').then((m) => m.HistogramsPage),
)

/**
 * The routes (hash URLs, stable for alert links):
 *   #/                                   fleet (?q= search)
 *   #/services/<svc>                     rules, levels, instances, new rule
 *   #/services/<svc>/rules/<id>          the same, with one rule shown
 *   #/services/<svc>/instances/<id>      the same, with one instance's levels
 *   #/services/<svc>/histograms          ?metric=&perInstance=1
 *   #/services/<svc>/tail                ?logger=&level=&where=
 *   #/services/<svc>/checks              sanity checks, run now
 *   #/incidents                          ?status=&service=
 *   #/incidents/<id>                     one incident: where alert links land
 *   #/audit                              ?service=&window=
 */
export function App() {
  const unauthenticated = useUnauthenticated()
  if (unauthenticated !== undefined) return html`<${SignInPage} reason=${unauthenticated} />`
  return html`<${Routes} />`
}

/** The page of the current URL. */
function Routes() {
  const { parts, query } = useLocation()
  const [first, service, section, id] = parts
  if (parts.length === 0) return html`<${FleetPage} query=${query} />`
  if (first === 'services' && service) {
    if (section === undefined) return html`<${ServicePage} key=${service} service=${service} />`
    if (section === 'rules' && id) return html`<${ServicePage} key=${service} service=${service} ruleId=${id} />`
    if (section === 'instances' && id) return html`<${ServicePage} key=${service} service=${service} instance=${id} />`
    if (section === 'histograms' && !id)
      return html`<${HistogramsPage} key=${service} service=${service} query=${query} />`
    if (section === 'tail' && !id) return html`<${TailPage} key=${service} service=${service} query=${query} />`
    if (section === 'checks' && !id) return html`<${ChecksPage} key=${service} service=${service} />`
  }
  if (first === 'incidents' && parts.length === 1) return html`<${IncidentsPage} query=${query} />`
  if (first === 'incidents' && service && parts.length === 2)
    return html`<${IncidentPage} key=${service} id=${service} />`
  if (first === 'audit' && parts.length === 1) return html`<${AuditPage} query=${query} />`
  return html`<${NotFoundPage} path=${parts.join('/')} />`
}
