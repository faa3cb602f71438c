import { codecs, type DumpReplyInput } from '@prodbench/proto'
import { isLevel, LEVEL_VALUES, loggerPatternProblem, Where } from '../core/index.js'
import type { Identity } from '../identity.js'
import type { LogEngine } from './log-engine.js'

/** Records a dump returns when the request names no count, and the most it may ask. */
export const DEFAULT_DUMP_LAST = 500
export const MAX_DUMP_LAST = 10_000

/**
 * Answers the control plane's flight-recorder requests. A bad request gets
 * a reply naming what is wrong (and is counted by the caller), never a throw.
 */
export function answerDump(
  engine: LogEngine,
  identity: Identity,
  bytes: Uint8Array,
): { reply: Uint8Array; error?: string } {
  const base: DumpReplyInput = {
    identity: { ...identity },
    maxRecords: engine.recorder?.limits.maxRecords ?? 0,
    maxBytes: engine.recorder?.limits.maxBytes ?? 0,
  }
  let error: string | undefined
  let records: string[] = []
  try {
    const request = codecs.dumpRequest.decode(bytes)
    error = problemOf(request)
    if (error === undefined) {
      records = engine.dump({
        last: Math.min(request.last || DEFAULT_DUMP_LAST, MAX_DUMP_LAST),
        where: request.where,
        logger: request.logger || undefined,
        minLevelValue: request.level && isLevel(request.level) ? LEVEL_VALUES[request.level] : undefined,
      })
    }
  } catch (err) {
    error = err instanceof Error ? err.message : String(err)
  }
  if (!engine.recorder && error === undefined) error = 'the flight recorder is off in this instance'
  const size = engine.recorder?.size
  const reply: DumpReplyInput = {
    ...base,
    records,
    ringRecords: size?.records ?? 0,
    ringBytes: size?.bytes ?? 0,
    error: error ?? '',
  }
  return error === undefined
    ? { reply: codecs.dumpReply.encode(reply) }
    : { reply: codecs.dumpReply.encode(reply), error }
}

function problemOf(request: { where?: Record<string, string>; logger?: string; level?: string }): string | undefined {
  if (request.level && !isLevel(request.level))
    return `level ${JSON.stringify(request.level.slice(0, 40))} is not a level`
  if (request.logger) {
    const why = loggerPatternProblem(request.logger)
    if (why) return `logger ${JSON.stringify(request.logger.slice(0, 80))} ${why}`
  }
  if (request.where && Object.keys(request.where).length > 0) {
    const parsed = Where.safeParse(request.where)
    if (!parsed.success) return `where: ${parsed.error.issues[0]?.message ?? 'invalid'}`
  }
  return undefined
}
