/**
 * `ctl watch svc=S [metric=P]`: follows a WatchMetrics stream until Ctrl-C or
 * the capture ends. Each window (one message, already merged across
 * instances) is printed as it arrives: redrawn in place on a terminal,
 * appended when piped, one JSON line with --json.
 */
import type { ScalarWindowMessage, WatchMetricsRequest } from '@prodbench/proto'
import type { WatchCommand } from '../args-metrics.js'
import type { HistogramStream } from '../client.js'
import { type Context, type CtlOutput, plural, type View, viewOf } from '../context.js'
import { EXIT } from '../errors.js'
import { DEFAULT_WIDTH } from '../format-hist.js'
import { scalarBlock } from '../format-scalars.js'
import { screenFrame } from '../live-screen.js'
import type { WatchIo } from './hist-watch.js'

/** Windows the server sends first, from its history: the view fills at once, not after an interval. */
export const METRICS_WATCH_BACKLOG = 1

type Outcome = { kind: 'ended' } | { kind: 'interrupted' } | { kind: 'failed'; error: unknown }

/**
 * Runs `ctl watch`; resolves with the exit code (0 after Ctrl-C or when the
 * capture ended). A failed stream (no capture: NOT_FOUND; unreachable)
 * rejects with its {@link CtlError}.
 */
export async function metricsWatch(command: WatchCommand, context: Context, io: WatchIo, json: boolean) {
  const terminal = io.stdout.isTTY === true && !json
  // Notes go where they do not mix with the data: stderr for JSON lines.
  const notes = json ? io.stderr : io.stdout
  const printer = new ScalarPrinter(command, context, io.stdout, { json, terminal })
  const request: WatchMetricsRequest = {
    service: command.service,
    ...(command.metric ? { metric: command.metric } : {}),
    ...(command.captureId ? { captureId: command.captureId } : {}),
    backlog: METRICS_WATCH_BACKLOG,
  }
  io.stderr.write(`watching ${command.service} ${command.metric ?? 'counters and gauges'} (Ctrl-C to stop)\n`)
  let stream: HistogramStream | undefined
  let unsubscribe: () => void = () => {}
  let outcome: Outcome
  try {
    outcome = await new Promise<Outcome>((resolve) => {
      unsubscribe = io.onInterrupt?.(() => resolve({ kind: 'interrupted' })) ?? unsubscribe
      stream = context.client.watchMetrics(request, {
        window(window) {
          try {
            printer.print(window)
          } catch (error) {
            resolve({ kind: 'failed', error })
          }
        },
        end: () => resolve({ kind: 'ended' }),
        error: (error) => resolve({ kind: 'failed', error }),
      })
    })
  } finally {
    stream?.cancel()
    unsubscribe()
  }
  if (outcome.kind === 'failed') throw outcome.error
  const windows = plural(printer.windows, 'window')
  if (terminal) notes.write('\n')
  if (outcome.kind === 'ended') {
    const capture = printer.captureId ?? command.captureId
    notes.write(`capture ${capture ?? 'for these metrics'} ended (expired or stopped) after ${windows}\n`)
  } else {
    notes.write(`stopped after ${windows}\n`)
  }
  return EXIT.OK
}

/** Writes each window where it belongs: the screen (in place or appended) or a JSON line. */
class ScalarPrinter {
  /** Windows printed. */
  windows = 0
  /** The capture the stream is about, from its first window. */
  captureId: string | undefined

  constructor(
    private readonly command: WatchCommand,
    private readonly context: Context,
    private readonly out: CtlOutput,
    private readonly mode: { json: boolean; terminal: boolean },
  ) {}

  print(window: ScalarWindowMessage): void {
    this.windows++
    this.captureId ??= window.captureId || undefined
    if (this.mode.json) {
      this.out.write(`${JSON.stringify(window)}\n`)
      return
    }
    const view: View = {
      ...viewOf(this.context),
      // Read the width each time (the terminal may have been resized); leave the last column free, as a
      // line filling it makes some terminals wrap before the newline.
      ...(this.mode.terminal ? { width: (this.out.columns || DEFAULT_WIDTH) - 1 } : {}),
    }
    const block = scalarBlock(window, view, this.command.metric ? { pattern: this.command.metric } : {})
    if (!this.mode.terminal) {
      this.out.write(`${block.join('\n')}\n\n`)
      return
    }
    this.out.write(screenFrame([...block, '', view.style.dim('Ctrl-C to stop')]))
  }
}
