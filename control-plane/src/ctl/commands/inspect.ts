/** `ctl inspect svc=S inst=I [--ttl D]`: open the instance's Node inspector and say how to reach it. */
import type { InspectReplyMessage } from '@prodbench/proto'
import type { InspectCommand } from '../args-incidents.js'
import { type Context, type Report, type View, viewOf } from '../context.js'
import { EXIT } from '../errors.js'
import { clockTime, relativeTime } from '../format.js'

/** Runs `ctl inspect`. */
export async function inspect(command: InspectCommand, context: Context): Promise<Report> {
  const reply = await context.client.inspect({
    service: command.service,
    instance: command.instance,
    ...(command.ttlMs ? { ttlMs: command.ttlMs } : {}),
  })
  return inspectReport(command, reply, viewOf(context))
}

/**
 * The devtools URL, the inspector's WebSocket URL, when it closes, and the
 * ssh tunnel to reach 127.0.0.1:PORT on the instance's host. Exit 1 when the
 * instance refused (its code did not enable the inspector).
 */
export function inspectReport(command: InspectCommand, reply: InspectReplyMessage, view: View): Report {
  const target = `${command.service}@${command.instance}`
  if (reply.error) {
    const summary = { command: 'inspect', target, error: reply.error, exitCode: EXIT.NOT_APPLIED }
    return {
      exitCode: EXIT.NOT_APPLIED,
      lines: [`${view.style.red('!')} ${target} refused: ${reply.error}`],
      json: { summary, ...reply },
    }
  }
  const port = reply.port ?? 9229
  const host = reply.host || '<host of the instance>'
  const tunnel = `ssh -N -L ${port}:127.0.0.1:${port} ${host}`
  const closes = reply.closesAt
    ? ` until ${clockTime(reply.closesAt, view.now)} (${relativeTime(reply.closesAt, view.now)})`
    : ''
  const lines = [
    `${view.style.bold(`inspector of ${target} open`)}${closes}, on 127.0.0.1:${port} of ${host}`,
    '',
    '1. tunnel to it from your machine:',
    `     ${tunnel}`,
    '2. then open in Chrome:',
    `     ${reply.devtoolsUrl || `devtools://devtools/bundled/js_app.html?ws=127.0.0.1:${port}`}`,
    `   (or chrome://inspect; the WebSocket is ${reply.url || '?'})`,
    view.style.dim('it closes by itself at the end of its TTL'),
  ]
  const summary = { command: 'inspect', target, tunnel, devtoolsUrl: reply.devtoolsUrl, exitCode: EXIT.OK }
  return { exitCode: EXIT.OK, lines, json: { summary, ...reply } }
}
