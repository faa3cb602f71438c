/** `ctl metrics svc=S [inst=I]`: one ListMetrics, printed once. */
import type { ListMetricsResponse } from '@prodbench/proto'
import type { MetricsCommand } from '../args-metrics.js'
import { type Context, plural, type Report, type View, viewOf } from '../context.js'
import { EXIT } from '../errors.js'
import { metricRows, metricsTable, perInstanceLines } from '../format-metrics.js'

/** Runs `ctl metrics`. */
export async function metrics(command: MetricsCommand, context: Context): Promise<Report> {
  const response = await context.client.listMetrics(command.service)
  return metricsReport(command, response, viewOf(context))
}

/**
 * The report of a ListMetrics response. With inst=ID the response is narrowed
 * to that instance; when it is not live, the report says so and exits 1.
 */
export function metricsReport(command: MetricsCommand, response: ListMetricsResponse, view: View): Report {
  const live = response.instances ?? []
  const wanted = command.instance
  const instances = wanted === undefined ? live : live.filter((instance) => instance.instance === wanted)
  const narrowed: ListMetricsResponse = { service: response.service ?? command.service, instances }
  const rows = metricRows(narrowed)
  const overflow = rows.reduce((sum, row) => sum + row.overflow, 0)
  const missing = wanted !== undefined && instances.length === 0
  const exitCode = missing ? EXIT.NOT_APPLIED : EXIT.OK
  const summary = {
    command: 'metrics',
    service: command.service,
    ...(wanted !== undefined ? { instance: wanted } : {}),
    instances: instances.length,
    instruments: rows.length,
    overflow,
    metrics: rows,
    exitCode,
  }
  const json = { summary, ...narrowed }
  if (missing) {
    const others = live.map((instance) => instance.instance).join(', ')
    const line = `${wanted} is not a live instance of ${command.service}${others ? ` (live: ${others})` : ''}`
    return { exitCode, json, lines: [line] }
  }
  if (instances.length === 0) {
    return { exitCode, json, lines: [`no live instances of ${command.service}`] }
  }
  const title = `${view.style.bold(command.service)}: ${plural(instances.length, 'live instance')}, ${plural(rows.length, 'instrument')}`
  const body = command.perInstance ? perInstanceLines(narrowed, view) : metricsTable(rows, instances.length, view)
  const lines = [title, '', ...body]
  if (overflow > 0) {
    lines.push('', view.style.red(`${plural(overflow, 'label set')} refused by cardinality limits (see OVERFLOW)`))
  }
  return { exitCode, json, lines }
}
