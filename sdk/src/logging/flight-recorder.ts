import type { RequestScope } from '../context/request-context.js'
import { type Attributes, loggerMatches, whereMatches } from '../core/index.js'

/**
 * A record kept below the effective level: its arguments, not its JSON.
 * It is serialised only when dumped, by the logger's own method, so the
 * logger's serializers and redaction apply then.
 */
export interface RawRecord {
  readonly time: number
  readonly levelValue: number
  /** Logger name ('' for the root). */
  readonly name: string
  /** The pino logger (or a child of it) the call was made on. */
  readonly logger: object
  /** The logger's real method for this level. */
  readonly method: (...args: unknown[]) => void
  readonly args: unknown[]
  readonly scope: RequestScope | undefined
}

/** Bounds of the flight recorder (documented in docs/logging.md). */
export interface RecorderLimits {
  /** Emitted records kept. @default 1000 */
  readonly maxRecords: number
  /** Bytes of emitted records kept. @default 1 MiB */
  readonly maxBytes: number
  /** Records kept below the effective level (arguments retained until evicted). @default 1000 */
  readonly maxRecorded: number
  /** Records kept below the effective level per request, dumped beside its error. @default 100 */
  readonly perRequest: number
}

/** What a dump selects. */
export interface DumpFilter {
  readonly last: number
  readonly where?: Readonly<Record<string, string>>
  readonly logger?: string
  readonly minLevelValue?: number
  /** Only records of this request (the same scope object). */
  readonly scope?: RequestScope
  /** Leave out the records of this request. */
  readonly notScope?: RequestScope
}

const TIME = /"time":(?:(\d+)|"([^"]+)")/

/** The time of a serialised pino record (its `time` field), or 0. */
export function timeOf(line: string): number {
  const match = TIME.exec(line)
  if (!match) return 0
  return match[1] !== undefined ? Number(match[1]) : Date.parse(match[2] ?? '') || 0
}

/**
 * The instance's flight recorder: a ring of the records it wrote (bounded by
 * count and bytes) and a ring of the records it kept below the effective
 * level (bounded by count), plus a small ring per request.
 */
export class FlightRecorder {
  limits: RecorderLimits
  // Parallel arrays rather than an object per record: the write path allocates nothing.
  #lines: (string | undefined)[]
  #lineLevels: Int32Array
  #lineNames: string[]
  #lineScopes: (RequestScope | undefined)[]
  #lineSeq: Float64Array
  #lineHead = 0
  #lineCount = 0
  #bytes = 0
  #raw: (RawRecord | undefined)[]
  #rawHead = 0
  #rawCount = 0
  /** Order of arrival across both rings, so a dump interleaves them exactly. */
  #seq = 0
  #rawSeq: number[]

  constructor(limits: RecorderLimits) {
    this.limits = limits
    const lines = Math.max(limits.maxRecords, 0)
    this.#lines = new Array(lines).fill(undefined)
    this.#lineLevels = new Int32Array(lines)
    this.#lineNames = new Array(lines).fill('')
    this.#lineScopes = new Array(lines).fill(undefined)
    this.#lineSeq = new Float64Array(lines)
    this.#raw = new Array(Math.max(limits.maxRecorded, 0))
    this.#rawSeq = new Array(this.#raw.length).fill(0)
  }

  /** Changes the bounds (a quarantine grows them), keeping the newest records that fit. */
  resize(limits: RecorderLimits): void {
    const lines: {
      line: string
      level: number
      name: string
      scope: RequestScope | undefined
      seq: number
    }[] = []
    for (let i = 0; i < this.#lineCount; i++) {
      const at = (this.#lineHead + i) % this.#lines.length
      lines.push({
        line: this.#lines[at] as string,
        level: this.#lineLevels[at] as number,
        name: this.#lineNames[at] as string,
        scope: this.#lineScopes[at],
        seq: this.#lineSeq[at] as number,
      })
    }
    const raws: { raw: RawRecord; seq: number }[] = []
    for (let i = 0; i < this.#rawCount; i++) {
      const at = (this.#rawHead + i) % this.#raw.length
      raws.push({ raw: this.#raw[at] as RawRecord, seq: this.#rawSeq[at] as number })
    }
    const fresh = new FlightRecorder(limits)
    const seq = this.#seq
    for (const l of lines) {
      fresh.pushLine(l.line, l.level, l.name, l.scope)
      fresh.#lineSeq[(fresh.#lineHead + fresh.#lineCount - 1) % Math.max(fresh.#lines.length, 1)] = l.seq
    }
    for (const r of raws) {
      fresh.#keepRaw(r.raw)
      fresh.#rawSeq[(fresh.#rawHead + fresh.#rawCount - 1) % Math.max(fresh.#raw.length, 1)] = r.seq
    }
    this.limits = limits
    this.#lines = fresh.#lines
    this.#lineLevels = fresh.#lineLevels
    this.#lineNames = fresh.#lineNames
    this.#lineScopes = fresh.#lineScopes
    this.#lineSeq = fresh.#lineSeq
    this.#lineHead = fresh.#lineHead
    this.#lineCount = fresh.#lineCount
    this.#bytes = fresh.#bytes
    this.#raw = fresh.#raw
    this.#rawSeq = fresh.#rawSeq
    this.#rawHead = fresh.#rawHead
    this.#rawCount = fresh.#rawCount
    this.#seq = seq
  }

  /** Records held now and their bytes (emitted records only: kept ones are not serialised yet). */
  get size(): { records: number; bytes: number } {
    return { records: this.#lineCount + this.#rawCount, bytes: this.#bytes }
  }

  /** Keeps an emitted record (the JSON line pino wrote). */
  pushLine(line: string, levelValue: number, name: string, scope: RequestScope | undefined): void {
    const capacity = this.#lines.length
    if (capacity === 0 || line.length > this.limits.maxBytes) return
    if (this.#lineCount === capacity) this.#evictLine()
    const at = (this.#lineHead + this.#lineCount) % capacity
    this.#lines[at] = line
    this.#lineLevels[at] = levelValue
    this.#lineNames[at] = name
    this.#lineScopes[at] = scope
    this.#lineSeq[at] = this.#seq++
    this.#lineCount++
    this.#bytes += line.length
    while (this.#bytes > this.limits.maxBytes) this.#evictLine()
  }

  /** Keeps a record below the effective level, in the instance ring and its request's ring. */
  keep(record: RawRecord): void {
    this.#keepRaw(record)
    const scope = record.scope
    if (scope !== undefined && this.limits.perRequest > 0) {
      scope.recorded ??= []
      const mine = scope.recorded as RawRecord[]
      if (mine.length >= this.limits.perRequest) mine.shift()
      mine.push(record)
    }
  }

  /**
   * The records a dump selects, oldest first: emitted lines as they were
   * written, kept ones serialised now by `serialise`.
   */
  dump(filter: DumpFilter, serialise: (record: RawRecord) => string | undefined): string[] {
    const picked: { seq: number; line?: string; raw?: RawRecord }[] = []
    for (let i = 0; i < this.#lineCount; i++) {
      const at = (this.#lineHead + i) % this.#lines.length
      const level = this.#lineLevels[at] as number
      const name = this.#lineNames[at] as string
      if (!selects(filter, level, name, this.#lineScopes[at])) continue
      picked.push({ seq: this.#lineSeq[at] as number, line: this.#lines[at] as string })
    }
    for (let i = 0; i < this.#rawCount; i++) {
      const at = (this.#rawHead + i) % this.#raw.length
      const raw = this.#raw[at] as RawRecord
      if (!selects(filter, raw.levelValue, raw.name, raw.scope)) continue
      picked.push({ seq: this.#rawSeq[at] as number, raw })
    }
    picked.sort((a, b) => a.seq - b.seq)
    const out: string[] = []
    for (const item of picked.slice(Math.max(picked.length - filter.last, 0))) {
      const line = item.line ?? (item.raw ? serialise(item.raw) : undefined)
      if (line !== undefined) out.push(line.endsWith('\n') ? line.slice(0, -1) : line)
    }
    return out
  }

  /** Takes the records a request kept (to dump them beside its error). */
  takeRequest(scope: RequestScope): RawRecord[] {
    const mine = (scope.recorded ?? []) as RawRecord[]
    scope.recorded = undefined
    return mine
  }

  #keepRaw(record: RawRecord): void {
    const capacity = this.#raw.length
    if (capacity === 0) return
    if (this.#rawCount === capacity) {
      this.#raw[this.#rawHead] = undefined
      this.#rawHead = (this.#rawHead + 1) % capacity
      this.#rawCount--
    }
    const at = (this.#rawHead + this.#rawCount) % capacity
    this.#raw[at] = record
    this.#rawSeq[at] = this.#seq++
    this.#rawCount++
  }

  #evictLine(): void {
    const at = this.#lineHead
    this.#bytes -= this.#lines[at]?.length ?? 0
    this.#lines[at] = undefined
    this.#lineScopes[at] = undefined
    this.#lineHead = (this.#lineHead + 1) % this.#lines.length
    this.#lineCount--
  }
}

function selects(filter: DumpFilter, levelValue: number, name: string, scope: RequestScope | undefined): boolean {
  if (filter.scope !== undefined && scope !== filter.scope) return false
  if (filter.notScope !== undefined && scope === filter.notScope) return false
  const attributes: Attributes | undefined = scope?.attributes
  if (filter.minLevelValue !== undefined && levelValue < filter.minLevelValue) return false
  if (filter.logger !== undefined && filter.logger !== '' && !loggerMatches(filter.logger, name)) return false
  return filter.where === undefined || Object.keys(filter.where).length === 0 || whereMatches(filter.where, attributes)
}
