/**
 * The .hlog file of `ctl hist watch --hlog FILE`: opened (and truncated)
 * before the watch starts, so a bad path fails at once, written window by
 * window, flushed and closed once.
 */
import { open } from 'node:fs/promises'
import type { Writable } from 'node:stream'
import { FileError } from './errors.js'
import { type HlogHeader, type HlogSkip, HlogWriter } from './hlog-writer.js'
import type { WindowGroup } from './window-groups.js'

/** An open .hlog file. */
export interface HlogFile {
  readonly path: string
  /** Appends one window (merged line, then one line per instance). */
  write(group: WindowGroup): void
  /** Interval lines written so far. */
  readonly intervals: number
  /** Histograms left out (undecodable bytes), with why. */
  readonly skipped: readonly HlogSkip[]
  /**
   * Writes the header if no window came (`nowMs` as StartTime), flushes and
   * closes. Idempotent: later calls return the first call's promise.
   * @throws FileError when a write failed (disk full, ...)
   */
  close(nowMs: number): Promise<void>
}

/**
 * Creates or truncates `path` for writing.
 * @throws FileError when it cannot be opened (missing folder, permissions)
 */
export async function openHlogFile(path: string, header: HlogHeader): Promise<HlogFile> {
  let stream: Writable
  try {
    const handle = await open(path, 'w')
    stream = handle.createWriteStream({ encoding: 'utf8' })
  } catch (error) {
    throw new FileError(path, error)
  }
  let failure: unknown
  stream.on('error', (error) => {
    failure ??= error
  })
  const writer = new HlogWriter((text) => {
    if (failure === undefined) stream.write(text)
  }, header)
  let closing: Promise<void> | undefined
  return {
    path,
    write: (group) => writer.write(group),
    get intervals() {
      return writer.intervals
    },
    get skipped() {
      return writer.skipped
    },
    close(nowMs) {
      closing ??= (async () => {
        if (!writer.started) writer.start(nowMs)
        // 'close' comes after the data is flushed and the descriptor closed, or after a failure.
        await new Promise<void>((resolve) => {
          if (stream.closed) return resolve()
          stream.once('close', () => resolve())
          stream.end()
        })
        if (failure !== undefined) throw new FileError(path, failure)
      })()
      return closing
    },
  }
}
