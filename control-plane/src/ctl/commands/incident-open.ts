/** `ctl incident open svc=S [inst=I] --title T [--reason R]`: an incident by hand, with the instance's flight recorder. */
import type { IncidentMessage } from '@prodbench/proto'
import type { IncidentOpenCommand } from '../args-incidents.js'
import { type Context, type Report, type View, viewOf } from '../context.js'
import { EXIT } from '../errors.js'

/** Runs `ctl incident open`. */
export async function incidentOpen(command: IncidentOpenCommand, context: Context): Promise<Report> {
  const incident = await context.client.openIncident({
    service: command.service,
    ...(command.instance ? { instance: command.instance } : {}),
    title: command.title,
    ...(command.reason ? { reason: command.reason } : {}),
  })
  return incidentOpenReport(command, incident, viewOf(context))
}

/** "opened checkout-…-1 with 240 records of web1" and its link. */
export function incidentOpenReport(command: IncidentOpenCommand, incident: IncidentMessage, view: View): Report {
  const records = incident.first?.records?.length ?? 0
  const note = incident.first?.context?.flight_recorder
  const lines = [
    `opened ${view.style.bold(incident.id ?? '?')}${command.instance ? ` with ${records} records of ${command.instance}` : ''}`,
    ...(incident.link ? [incident.link] : []),
  ]
  const warnings = note ? [`flight recorder of ${command.instance}: ${note}`] : []
  const summary = { command: 'incident open', id: incident.id, records, link: incident.link, exitCode: EXIT.OK }
  return { exitCode: EXIT.OK, lines, json: { summary, incident }, warnings }
}
