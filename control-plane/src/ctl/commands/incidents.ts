/** `ctl incidents [svc=S] [--status open|acked|closed] [--limit N]`: incidents, most recently active first. */
import type { ListIncidentsResponse } from '@prodbench/proto'
import type { IncidentsCommand } from '../args-incidents.js'
import { type Context, plural, type Report, type View, viewOf } from '../context.js'
import { EXIT } from '../errors.js'
import { incidentTable } from '../format-incidents.js'

/** Runs `ctl incidents`. */
export async function incidents(command: IncidentsCommand, context: Context): Promise<Report> {
  const response = await context.client.listIncidents({
    ...(command.service ? { service: command.service } : {}),
    ...(command.status ? { status: command.status } : {}),
    ...(command.limit ? { limit: command.limit } : {}),
  })
  return incidentsReport(command, response, viewOf(context))
}

/** The report of a ListIncidents response: a table, or a line saying there is none. */
export function incidentsReport(command: IncidentsCommand, response: ListIncidentsResponse, view: View): Report {
  const list = response.incidents ?? []
  const scope = [command.status, command.service ? `of ${command.service}` : ''].filter(Boolean).join(' ')
  const open = list.filter((incident) => incident.status === 'open').length
  const json = {
    summary: { command: 'incidents', incidents: list.length, open, exitCode: EXIT.OK },
    ...response,
  }
  if (list.length === 0) return { exitCode: EXIT.OK, json, lines: [`no ${scope ? `${scope} ` : ''}incidents`] }
  const lines = [
    ...incidentTable(list, view),
    '',
    view.style.dim(`${plural(list.length, 'incident')}, ${open} open; details: ctl incident show ID`),
  ]
  return { exitCode: EXIT.OK, json, lines }
}
