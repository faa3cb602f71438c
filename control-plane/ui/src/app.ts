import { html } from './html.js'
import { lazy } from './lib/lazy.js'
import { useLocation } from './lib/router.js'
import { FleetPage } from './pages/fleet-page.js'
import { IncidentPage } from './pages/incident-page.js'
import { NotFoundPage } from './pages/not-found-page.js'
import { ServicePage } from './pages/service-page.js'
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
 *   #/incidents/<id>                     where alert links land (a placeholder for now)
 */
export function App() {
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
  }
  if (first === 'incidents' && parts.length <= 2) return html`<${IncidentPage} id=${service} />`
  return html`<${NotFoundPage} path=${parts.join('/')} />`
}
