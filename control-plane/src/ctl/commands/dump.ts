/**
 * `ctl dump svc=S [inst=I] [--last N] [--where ...] [logger=L] [level=L]`:
 * the flight-recorder records of one or every live instance, merged by time
 * and printed pino-pretty style; instances that did not answer are named.
 */
import type { DumpResponse } from '@prodbench/proto'
import type { DumpCommand } from '../args-logs.js'
import { type Context, plural, type Report, type View, viewOf } from '../context.js'
import { EXIT } from '../errors.js'
import { selectorLabel } from '../format.js'
import { formatRecordLine, recordKey } from '../format-logs.js'
import { formatCount, formatValue } from '../format-units.js'

/** Runs `ctl dump`. */
export async function dump(command: DumpCommand, context: Context): Promise<Report> {
  const response = await context.client.dump({
    service: command.service,
    ...(command.instance ? { instance: command.instance } : {}),
    ...(command.last ? { last: command.last } : {}),
    ...(command.where ? { where: command.where } : {}),
    ...(command.logger ? { logger: command.logger } : {}),
    ...(command.level ? { level: command.level } : {}),
    ...(command.waitMs ? { waitMs: command.waitMs } : {}),
  })
  return dumpReport(command, response, viewOf(context))
}

/**
 * The report of a Dump response: a header, every record of every instance
 * merged by time (oldest first), what each ring holds, and a `!` line per
 * instance that failed or was missing. Exit 1 when an instance asked for did
 * not answer or failed.
 */
export function dumpReport(command: DumpCommand, response: DumpResponse, view: View): Report {
  const replies = response.instances ?? []
  const missing = response.missing ?? []
  const records = replies.flatMap((reply, replyIndex) =>
    (reply.records ?? []).map((line, index) => ({
      line,
      instance: reply.identity?.instance,
      key: recordKey(line).time,
      order: replyIndex * 1_000_000 + index,
    })),
  )
  // By time, oldest first; records without a time keep their instance's order.
  records.sort((a, b) => (a.key ?? 0) - (b.key ?? 0) || a.order - b.order)
  const failed = replies.filter((reply) => reply.error)
  const asked = replies.length + missing.length
  const target = selectorLabel({
    service: command.service,
    ...(command.logger ? { logger: command.logger } : {}),
    ...(command.instance ? { instance: command.instance } : {}),
    ...(command.where ? { where: command.where } : {}),
  })
  const header =
    asked === 0
      ? `${target}: no live instances to dump`
      : `${target}: ${plural(records.length, 'record')} from ${replies.length}/${plural(asked, 'instance')}`
  const lines = [view.style.bold(header)]
  for (const record of records) lines.push(formatRecordLine(record.line, record.instance, view.style))
  const rings = replies
    .filter((reply) => !reply.error || (reply.records?.length ?? 0) > 0)
    .map((reply) => `${reply.identity?.instance ?? '?'}: ${ringText(reply)}`)
  if (rings.length > 0) lines.push(view.style.dim(`ring: ${rings.join('; ')}`))
  for (const reply of failed) lines.push(`${view.style.red('!')} ${reply.identity?.instance ?? '?'}: ${reply.error}`)
  if (missing.length > 0) lines.push(`${view.style.red('!')} no answer in time from ${missing.join(', ')}`)
  const exitCode =
    missing.length > 0 || failed.some((reply) => !(reply.records?.length ?? 0)) ? EXIT.NOT_APPLIED : EXIT.OK
  const summary = {
    command: 'dump',
    target,
    records: records.length,
    instances: replies.length,
    missing,
    failed: failed.map((reply) => reply.identity?.instance ?? '?'),
    exitCode,
  }
  return { exitCode, lines, json: { summary, ...response } }
}

/** "12 of 2,341 records (512KiB of 4MiB)": what was sent of what the ring holds, and its bounds. */
function ringText(reply: NonNullable<DumpResponse['instances']>[number]): string {
  const sent = reply.records?.length ?? 0
  const held = reply.ringRecords ?? 0
  const bytes = reply.ringBytes
    ? ` (${formatValue(reply.ringBytes, 'bytes')}${reply.maxBytes ? ` of ${formatValue(reply.maxBytes, 'bytes')}` : ''})`
    : ''
  return `${formatCount(sent)} of ${formatCount(Math.max(held, sent))} records${bytes}`
}
