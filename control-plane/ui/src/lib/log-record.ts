/** A pino record as the tail shows it. */
export interface LogRecord {
  /** Arrival order, for keys. */
  readonly seq: number
  readonly instance: string
  readonly time: number | undefined
  readonly level: string
  readonly logger: string
  readonly msg: string
  /** Every other field, for display and search. */
  readonly rest: Record<string, unknown>
  /** The record as it came (pino JSON). */
  readonly raw: Record<string, unknown>
}

const LEVEL_NAMES: Readonly<Record<number, string>> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
}
const SHOWN = new Set(['time', 'level', 'logger', 'msg', 'pid', 'hostname'])

/** Parses one pino JSON line; undefined when it is not JSON. */
export function parseRecord(line: string, instance: string, seq: number): LogRecord | undefined {
  let raw: Record<string, unknown>
  try {
    raw = JSON.parse(line) as Record<string, unknown>
  } catch {
    return undefined
  }
  const rest: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(raw)) if (!SHOWN.has(k)) rest[k] = v
  const level = typeof raw.level === 'number' ? (LEVEL_NAMES[raw.level] ?? String(raw.level)) : String(raw.level ?? '')
  return {
    seq,
    instance,
    time: typeof raw.time === 'number' ? raw.time : undefined,
    level,
    logger: typeof raw.logger === 'string' ? raw.logger : '',
    msg: typeof raw.msg === 'string' ? raw.msg : '',
    rest,
    raw,
  }
}

/** `key=value` pairs of the fields a line does not show in its own columns. */
export function attributesText(record: LogRecord): string {
  return Object.entries(record.rest)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ')
}
