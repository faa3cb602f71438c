/** `ctl incident ack ID` and `ctl incident close ID [--reason R]`. */
import type { IncidentMessage } from '@prodbench/proto'
import type { IncidentUpdateCommand } from '../args-incidents.js'
import { type Context, type Report, type View, viewOf } from '../context.js'
import { EXIT } from '../errors.js'

/** Runs `ctl incident ack` or `ctl incident close`. */
export async function incidentUpdate(command: IncidentUpdateCommand, context: Context): Promise<Report> {
  const action = command.name === 'incident ack' ? 'ack' : 'close'
  const incident = await context.client.updateIncident({
    id: command.id,
    action,
    ...(command.reason ? { reason: command.reason } : {}),
  })
  return incidentUpdateReport(command, incident, viewOf(context))
}

/** "checkout-…-1 acked by ann@laptop" (or closed), with what a close means for the next occurrence. */
export function incidentUpdateReport(command: IncidentUpdateCommand, incident: IncidentMessage, view: View): Report {
  const acked = command.name === 'incident ack'
  const by = acked ? incident.ackedBy : incident.closedBy
  const lines = [`${view.style.bold(incident.id ?? command.id)} ${acked ? 'acked' : 'closed'} by ${by || '?'}`]
  if (!acked) lines.push(view.style.dim('the next occurrence of its error opens a new incident'))
  const summary = { command: command.name, id: incident.id, status: incident.status, by, exitCode: EXIT.OK }
  return { exitCode: EXIT.OK, lines, json: { summary, incident } }
}
