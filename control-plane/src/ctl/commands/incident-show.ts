/** `ctl incident show ID`: one incident in full, in the terminal. */
import type { IncidentMessage } from '@prodbench/proto'
import type { IncidentShowCommand } from '../args-incidents.js'
import { type Context, type Report, type View, viewOf } from '../context.js'
import { EXIT } from '../errors.js'
import { incidentLines } from '../format-incidents.js'

/** Runs `ctl incident show`. */
export async function incidentShow(command: IncidentShowCommand, context: Context): Promise<Report> {
  return incidentShowReport(await context.client.getIncident(command.id), viewOf(context))
}

/** The report of a GetIncident response: header, error and stack, context, records, histograms. */
export function incidentShowReport(incident: IncidentMessage, view: View): Report {
  const summary = {
    command: 'incident show',
    id: incident.id,
    status: incident.status,
    count: incident.count ?? 0,
    records: incident.first?.records?.length ?? 0,
    exitCode: EXIT.OK,
  }
  return { exitCode: EXIT.OK, lines: incidentLines(incident, view), json: { summary, incident } }
}
