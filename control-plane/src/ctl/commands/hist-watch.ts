/**
 * `ctl hist watch svc=S metric=M`: follows a WatchHistogram stream until
 * Ctrl-C or the capture ends. Each window is printed once it is complete
 * (merged view plus, when asked, its instances): redrawn in place on a
 * terminal, appended when piped, one JSON line per window message with
 * --json; and written to the .hlog file with --hlog.
 */
import type { WatchHistogramRequest } from '@prodbench/proto'
import type { HistWatchCommand } from '../args-hist.js'
import type { HistogramStream } from '../client.js'
import { type Context, type CtlOutput, plural, type View, viewOf } from '../context.js'
import { EXIT } from '../errors.js'
import { DEFAULT_WIDTH, histogramBlock, windowJson } from '../format-hist.js'
import { type HlogFile, openHlogFile } from '../hlog-file.js'
import { screenFrame } from '../live-screen.js'
import { WindowAssembler, type WindowGroup } from '../window-groups.js'

/** What the watch touches besides the server. */
export interface WatchIo {
  stdout: CtlOutput
  stderr: CtlOutput
  /**
   * Subscribes `handler` to Ctrl-C and returns the unsubscribe. Absent, the
   * watch runs until the stream ends. @default none
   */
  onInterrupt?: (handler: () => void) => () => void
}

/** Windows the server sends first, from its history: the view fills at once, not after an interval. */
export const WATCH_BACKLOG = 1

type Outcome = { kind: 'ended' } | { kind: 'interrupted' } | { kind: 'failed'; error: unknown }

/**
 * Runs `ctl hist watch`; resolves with the exit code (0 after Ctrl-C or when
 * the capture ended). A failed stream rejects with its {@link CtlError}, after
 * the .hlog file is closed.
 */
export async function histWatch(
  command: HistWatchCommand,
  context: Context,
  io: WatchIo,
  json: boolean,
): Promise<number> {
  const hlog = command.hlog
    ? await openHlogFile(command.hlog, {
        service: command.service,
        metric: command.metric,
        captureId: command.captureId,
      })
    : undefined
  const terminal = io.stdout.isTTY === true && !json
  // Notes go where they do not mix with the data: stderr for JSON lines.
  const notes = json ? io.stderr : io.stdout
  const printer = new WindowPrinter(command, context, io.stdout, { json, terminal, hlog })
  // The .hlog file wants every instance's line, whether or not they are shown.
  const assembler = new WindowAssembler(command.perInstance || hlog !== undefined)
  const request: WatchHistogramRequest = {
    service: command.service,
    metric: command.metric,
    ...(command.captureId ? { captureId: command.captureId } : {}),
    perInstance: command.perInstance || hlog !== undefined,
    backlog: WATCH_BACKLOG,
  }
  io.stderr.write(`watching ${command.service} ${command.metric} (Ctrl-C to stop)\n`)
  let stream: HistogramStream | undefined
  let unsubscribe: () => void = () => {}
  let outcome: Outcome | undefined
  try {
    outcome = await new Promise<Outcome>((resolve) => {
      unsubscribe = io.onInterrupt?.(() => resolve({ kind: 'interrupted' })) ?? unsubscribe
      stream = context.client.watchHistogram(request, {
        window(window) {
          try {
            for (const group of assembler.push(window)) printer.print(group)
          } catch (error) {
            resolve({ kind: 'failed', error })
          }
        },
        end: () => resolve({ kind: 'ended' }),
        error: (error) => resolve({ kind: 'failed', error }),
      })
    })
    stream?.cancel()
    unsubscribe()
    // What arrived of an unfinished window is real data: show and log it too.
    if (outcome.kind !== 'failed') for (const group of assembler.flush()) printer.print(group)
  } finally {
    stream?.cancel()
    unsubscribe()
    await hlog?.close(context.now())
  }
  if (outcome.kind === 'failed') throw outcome.error
  const windows = plural(printer.windows, 'window')
  if (terminal) notes.write('\n')
  if (outcome.kind === 'ended') {
    const capture = printer.captureId ?? command.captureId
    notes.write(`capture ${capture ?? 'for this metric'} ended (expired or stopped) after ${windows}\n`)
  } else {
    notes.write(`stopped after ${windows}\n`)
  }
  if (hlog) {
    notes.write(`wrote ${plural(hlog.intervals, 'interval histogram')} to ${hlog.path}\n`)
    const [first] = hlog.skipped
    if (first) {
      const which = first.instance ?? 'merged view'
      io.stderr.write(
        `ctl: warning: left ${plural(hlog.skipped.length, 'histogram')} out of ${hlog.path} (first: ${which}: ${first.reason})\n`,
      )
    }
  }
  return EXIT.OK
}

/** Writes each complete window where it belongs: the screen, JSON lines, the .hlog file. */
class WindowPrinter {
  /** Windows printed (those with a merged view). */
  windows = 0
  /** The capture the stream is about, from its first window. */
  captureId: string | undefined

  constructor(
    private readonly command: HistWatchCommand,
    private readonly context: Context,
    private readonly out: CtlOutput,
    private readonly mode: { json: boolean; terminal: boolean; hlog: HlogFile | undefined },
  ) {}

  print(group: WindowGroup): void {
    this.mode.hlog?.write(group)
    const merged = group.merged
    if (!merged) return
    this.windows++
    this.captureId ??= merged.captureId || undefined
    if (this.mode.json) {
      const messages = this.command.perInstance ? [merged, ...group.instances] : [merged]
      this.out.write(`${messages.map((message) => JSON.stringify(windowJson(message))).join('\n')}\n`)
      return
    }
    const view: View = {
      ...viewOf(this.context),
      // Read the width each time (the terminal may have been resized); leave the last column free, as a
      // line filling it makes some terminals wrap before the newline.
      ...(this.mode.terminal ? { width: (this.out.columns || DEFAULT_WIDTH) - 1 } : {}),
    }
    const block = histogramBlock(merged, view, this.command.perInstance ? { instances: group.instances } : {})
    if (!this.mode.terminal) {
      this.out.write(`${block.join('\n')}\n\n`)
      return
    }
    const hlog = this.mode.hlog
    const footer = `Ctrl-C to stop${hlog ? `  writing ${hlog.path} (${plural(hlog.intervals, 'interval')})` : ''}`
    const lines = [...block, '', view.style.dim(footer)]
    this.out.write(screenFrame(lines))
  }
}
