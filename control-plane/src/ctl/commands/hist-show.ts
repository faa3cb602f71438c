/** `ctl hist show svc=S metric=M`: one GetHistogram, printed once. */
import type { GetHistogramResponse } from '@prodbench/proto'
import type { HistShowCommand } from '../args-hist.js'
import { type Context, type Report, type View, viewOf } from '../context.js'
import { EXIT } from '../errors.js'
import { histogramBlock, windowJson } from '../format-hist.js'

/** Runs `ctl hist show`. */
export async function histShow(command: HistShowCommand, context: Context): Promise<Report> {
  const response = await context.client.getHistogram({
    service: command.service,
    metric: command.metric,
    ...(command.captureId ? { captureId: command.captureId } : {}),
    ...(command.windows ? { windows: command.windows } : {}),
    perInstance: command.perInstance,
  })
  return histShowReport(command, response, viewOf(context))
}

/** The report of a GetHistogram response: the merged block, with one line per instance when asked. */
export function histShowReport(command: HistShowCommand, response: GetHistogramResponse, view: View): Report {
  const merged = response.merged
  const instances = response.instances ?? []
  const summary = {
    command: 'hist show',
    service: command.service,
    metric: command.metric,
    captureId: merged?.captureId ?? command.captureId ?? null,
    count: merged?.count ?? 0,
    exitCode: EXIT.OK,
  }
  const json = {
    summary,
    ...(merged ? { merged: windowJson(merged) } : {}),
    ...(instances.length > 0 ? { instances: instances.map(windowJson) } : {}),
  }
  if (!merged) {
    const line = `no closed window yet for ${command.service} ${command.metric}: try again after one capture interval`
    return { exitCode: EXIT.OK, json, lines: [line] }
  }
  const lines = histogramBlock(merged, view, command.perInstance ? { instances } : {})
  return { exitCode: EXIT.OK, json, lines }
}
