/**
 * Fields read back from a record pino already serialised, off the hot path:
 * the logger binding `"logger":"db"` (for a kept line whose name was not
 * recorded) and the error object of an error record (for its incident).
 */

const LOGGER_FIELD = '"logger":"'

/** The SDK logger name of a serialised record ('' for the root logger or a record without one). */
export function loggerOf(line: string): string {
  const at = line.indexOf(LOGGER_FIELD)
  if (at < 0) return ''
  const start = at + LOGGER_FIELD.length
  const end = line.indexOf('"', start)
  return end < 0 ? '' : line.slice(start, end)
}

/** The error object of a serialised error record (`err` or `error`), as an Error, when it has one. */
export function errorOf(line: string): Error | undefined {
  try {
    const record = JSON.parse(line) as { err?: unknown; error?: unknown }
    const err = (record.err ?? record.error) as { type?: unknown; message?: unknown; stack?: unknown } | undefined
    if (!err || typeof err !== 'object' || (typeof err.stack !== 'string' && typeof err.message !== 'string')) {
      return undefined
    }
    const error = new Error(typeof err.message === 'string' ? err.message : '')
    error.name = typeof err.type === 'string' ? err.type : 'Error'
    error.stack = typeof err.stack === 'string' ? err.stack : ''
    return error
  } catch {
    return undefined
  }
}
