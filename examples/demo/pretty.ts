/**
 * A compact one-line view of a pino JSON record, for watching several
 * instances in one terminal: time, instance, level, logger, message, fields.
 */

/** A parsed pino record (the fields the printer knows about). */
export interface LogRecord {
  level: number
  time?: number
  logger?: string
  msg?: string
  [field: string]: unknown
}

/** Parses one stdout line; undefined when it is not a pino record. */
export function parseRecord(line: string): LogRecord | undefined {
  if (!line.startsWith('{')) return undefined
  try {
    const value = JSON.parse(line) as unknown
    if (typeof value === 'object' && value !== null && typeof (value as LogRecord).level === 'number') {
      return value as LogRecord
    }
  } catch {
    // Not JSON: the caller prints it as it is.
  }
  return undefined
}

const LEVEL_NAMES: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
}
const COLOURS: Record<number, number> = { 10: 90, 20: 36, 30: 32, 40: 33, 50: 31, 60: 35 }
// Fields every record has, or that the line already shows.
const SKIP = new Set(['level', 'time', 'pid', 'hostname', 'logger', 'msg', 'service', 'instance'])

/** Whether to colour: a terminal, and NO_COLOR not set. */
export const useColour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR

/** Wraps text in an ANSI colour when colours are on. */
export function paint(code: number, text: string): string {
  return useColour ? `\x1b[${code}m${text}\x1b[0m` : text
}

/** `HH:MM:SS.mmm` in local time. */
export function clock(ms: number = Date.now()): string {
  const d = new Date(ms)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`
}

/** The level's name for a pino level number. */
export function levelName(level: number): string {
  return LEVEL_NAMES[level] ?? String(level)
}

/** One line: `12:00:01.234 checkout#1 DEBUG db        query sql="SELECT …" ms=2.1`, cut to `width`. */
export function formatRecord(record: LogRecord, source: string, width = lineWidth()): string {
  const level = levelName(record.level).padEnd(5)
  const head = `${clock(record.time)} ${source} ${level} ${(record.logger || '(root)').padEnd(8)} ${record.msg ?? ''}`
  const fields = Object.entries(record)
    .filter(([key]) => !SKIP.has(key))
    .map(([key, value]) => `${key}=${formatValue(value)}`)
    .join(' ')
  const text = fit(fields ? `${head}  ${fields}` : head, width)
  const colour = COLOURS[record.level] ?? 0
  // Colour only the level word, so long lines stay readable.
  return useColour ? text.replace(level, paint(colour, level)) : text
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return /[\s"=]/.test(value) ? JSON.stringify(value) : value
  if (typeof value === 'object' && value !== null && 'message' in value) return JSON.stringify((value as Error).message)
  return JSON.stringify(value)
}

function fit(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`
}

/** The terminal's width, or 160 when output is not a terminal. */
export function lineWidth(): number {
  return process.stdout.columns || 160
}
