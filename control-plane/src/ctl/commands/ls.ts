/** `ctl ls`: every service with its live instance count, rules and revision. */
import type { ListServicesResponse } from '@prodbench/proto'
import type { Command } from '../args.js'
import { type Context, type Report, type View, viewOf } from '../context.js'
import { EXIT } from '../errors.js'
import { table } from '../format.js'
import { instancesCountText } from '../status-quarantine.js'

/** Runs `ctl ls`. */
export async function ls(_command: Extract<Command, { name: 'ls' }>, context: Context): Promise<Report> {
  return lsReport(await context.client.listServices(), viewOf(context))
}

/** The report of a ListServices response. */
export function lsReport(response: ListServicesResponse, view: View): Report {
  const services = [...(response.services ?? [])].sort((a, b) => (a.service ?? '').localeCompare(b.service ?? ''))
  const json = { summary: { command: 'ls', services: services.length, exitCode: EXIT.OK }, ...response }
  if (services.length === 0) {
    return { exitCode: EXIT.OK, json, lines: ['no services yet: start a service with the SDK, or set a rule'] }
  }
  const rows = services.map((s) => [
    s.service ?? '?',
    s.instances ? instancesCountText(s.instances, s.quarantined) : { text: '0', paint: view.style.dim },
    String(s.rules ?? 0),
    String(s.revision ?? 0),
  ])
  const lines = table(['SERVICE', 'INSTANCES', 'RULES', 'REVISION'], rows, {
    right: [1, 2, 3],
    header: view.style.bold,
    ...(view.width ? { maxWidth: view.width } : {}),
  })
  return { exitCode: EXIT.OK, json, lines }
}
