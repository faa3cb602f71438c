/**
 * `ctl tail svc=S [inst=I] [logger=L] [level=L] [--where ...]`: follows a
 * Tail stream until Ctrl-C or the tail ends (its TTL, or its rule removed).
 * Records print as they arrive, pino-pretty style (time, level, instance,
 * logger, message, fields), or as JSON lines with --json (the records as
 * the instances wrote them, with `instance` added when absent). Ctrl-C
 * cancels the call, and the control plane removes the tail's rule.
 */
import type { TailEventMessage, TailRequest } from '@prodbench/proto'
import type { TailCommand } from '../args-logs.js'
import type { HistogramStream } from '../client.js'
import { type Context, type CtlOutput, plural } from '../context.js'
import { EXIT } from '../errors.js'
import { selectorLabel } from '../format.js'
import { formatRecordLine } from '../format-logs.js'
import { selectorOf } from '../rule-report.js'
import type { WatchIo } from './hist-watch.js'

type Outcome = { kind: 'ended' } | { kind: 'interrupted' } | { kind: 'closed' } | { kind: 'failed'; error: unknown }

/** Drop notes are gathered and printed at most this often, so a tail over its rate stays readable. */
export const DROP_NOTE_EVERY_MS = 1_000

/** Why the server ended a tail, as a sentence. */
const ENDED: Readonly<Record<string, string>> = {
  ttl: 'its TTL ran out',
  removed: 'its rule was removed (ctl rm, ctl reset, or another control plane)',
}

/**
 * Runs `ctl tail`; resolves with the exit code (0 after Ctrl-C or when the
 * tail ended by itself). A failed stream rejects with its {@link CtlError}.
 */
export async function tail(command: TailCommand, context: Context, io: WatchIo, json: boolean): Promise<number> {
  const selector = selectorOf(command)
  const request: TailRequest = {
    selector,
    ...(command.level ? { level: command.level } : {}),
    ...(command.ttlMs ? { ttlMs: command.ttlMs } : {}),
    ...(command.maxPerSec ? { maxPerSec: command.maxPerSec } : {}),
    ...(command.reason ? { reason: command.reason } : {}),
  }
  const printer = new TailPrinter(context, io, json)
  const what = `${selectorLabel(selector)}${command.level ? ` at ${command.level} and above` : ''}`
  let stream: HistogramStream | undefined
  let unsubscribe: () => void = () => {}
  let outcome: Outcome | undefined
  // `ctl tail | head`: the reader closed the pipe; end the tail like Ctrl-C (its rule goes).
  const stdout = io.stdout as Partial<NodeJS.WritableStream>
  let onPipeError: ((err: unknown) => void) | undefined
  try {
    outcome = await new Promise<Outcome>((resolve) => {
      unsubscribe = io.onInterrupt?.(() => resolve({ kind: 'interrupted' })) ?? unsubscribe
      onPipeError = () => resolve({ kind: 'closed' })
      stdout.on?.('error', onPipeError)
      stream = context.client.tail(request, {
        window(event) {
          if (outcome) return
          try {
            if (printer.tailId === undefined && event.tailId) {
              printer.tailId = event.tailId
              io.stderr.write(`tailing ${what} (tail ${event.tailId}; Ctrl-C to stop)\n`)
            }
            printer.print(event)
          } catch (error) {
            resolve({ kind: 'failed', error })
          }
        },
        end: () => resolve({ kind: 'ended' }),
        error: (error) => resolve({ kind: 'failed', error }),
      })
    })
  } finally {
    // Cancelling the call is what tells the control plane to remove the tail's rule.
    stream?.cancel()
    unsubscribe()
  }
  if (outcome.kind === 'failed') throw outcome.error
  if (outcome.kind !== 'closed') printer.flushDrops()
  // Keep the listener: a write still buffered may fail after this; nothing more is written to stdout.
  if (onPipeError && outcome.kind !== 'closed') stdout.off?.('error', onPipeError)
  const count = `${plural(printer.records, 'record')}${printer.instances.size > 0 ? ` from ${plural(printer.instances.size, 'instance')}` : ''}`
  if (outcome.kind === 'interrupted' || outcome.kind === 'closed') {
    const why = outcome.kind === 'closed' ? ' (output closed)' : ''
    io.stderr.write(`stopped after ${count}${why}; tail ${printer.tailId ?? '?'} removed\n`)
  } else {
    const why = ENDED[printer.ended ?? ''] ?? 'the control plane ended it'
    io.stderr.write(`tail ${printer.tailId ?? '?'} ended: ${why}, after ${count}\n`)
  }
  return EXIT.OK
}

/** Writes each event's records, and notes about drops, where they belong. */
class TailPrinter {
  tailId: string | undefined
  ended: string | undefined
  records = 0
  readonly instances = new Set<string>()
  /** Drops not told yet, by instance, and when the last note went out. */
  readonly #drops = new Map<string, number>()
  #lastNote = 0
  readonly #out: CtlOutput
  /** Notes go where they do not mix with the data: stderr for JSON lines. */
  readonly #notes: CtlOutput

  constructor(
    private readonly context: Context,
    io: WatchIo,
    private readonly json: boolean,
  ) {
    this.#out = io.stdout
    this.#notes = json ? io.stderr : io.stdout
  }

  print(event: TailEventMessage): void {
    if (event.ended) this.ended = event.ended
    const records = event.records ?? []
    if (event.instance) this.instances.add(event.instance)
    if (records.length > 0) {
      this.records += records.length
      const text = this.json
        ? records.map((line) => withInstance(line, event.instance)).join('\n')
        : records.map((line) => formatRecordLine(line, event.instance, this.context.style)).join('\n')
      this.#out.write(`${text}\n`)
    }
    if (event.dropped) {
      const instance = event.instance || '?'
      this.#drops.set(instance, (this.#drops.get(instance) ?? 0) + event.dropped)
      if (this.context.now() - this.#lastNote >= DROP_NOTE_EVERY_MS) this.flushDrops()
    }
  }

  /** "-- 12 records dropped (web1 5, web2 7): over the tail's rate, or read too slowly". */
  flushDrops(): void {
    if (this.#drops.size === 0) return
    const total = [...this.#drops.values()].reduce((sum, n) => sum + n, 0)
    const each = [...this.#drops.entries()].map(([instance, n]) => `${instance} ${n}`).join(', ')
    const note = `-- ${plural(total, 'record')} dropped (${each}): over the tail's rate, or read too slowly`
    this.#notes.write(`${this.json ? note : this.context.style.dim(note)}\n`)
    this.#drops.clear()
    this.#lastNote = this.context.now()
  }
}

/**
 * A record as the instance serialised it, with `"instance"` put first when
 * the record does not name its own (pino's base fields often leave it out),
 * so JSON lines from several instances can be told apart.
 */
export function withInstance(line: string, instance: string | undefined): string {
  if (!instance || !line.startsWith('{')) return line
  try {
    const record = JSON.parse(line) as unknown
    if (typeof record !== 'object' || record === null || Array.isArray(record) || Object.hasOwn(record, 'instance')) {
      return line
    }
  } catch {
    return line
  }
  const rest = line.slice(1).trimStart()
  return `{"instance":${JSON.stringify(instance)}${rest.startsWith('}') ? '' : ','}${rest}`
}
