/**
 * The tour's vocabulary: numbered sections, grey narration, ✓/✗ checks that
 * collect the failures, and waits that Ctrl-C cuts short. Shared by the
 * log-level part and the histogram part so the numbering runs on.
 */

import { setTimeout as sleepFor } from 'node:timers/promises'
import { paint } from './pretty.js'

/** What each part of the tour writes with. */
export interface Steps {
  /** Prints `── N. title ───…`, numbering on from the last section. */
  section(title: string): void
  /** Prints a line of narration (grey). */
  say(text: string): void
  /** Prints `✓ text` or `✗ text` and records a failure; returns `ok`. Throws when the tour was aborted. */
  check(ok: boolean, text: string): boolean
  /** Waits `ms`; rejects when the tour is aborted (Ctrl-C). */
  sleep(ms: number): Promise<void>
  /** The checks that failed so far. */
  readonly failures: string[]
}

/** Steps writing to `write`, cut short by `signal`. */
export function makeSteps(write: (line: string) => void, signal: AbortSignal): Steps {
  const failures: string[] = []
  let step = 0
  return {
    failures,
    section: (title) => write(`\n${paint(1, `── ${++step}. ${title} `.padEnd(78, '─'))}`),
    say: (text) => write(paint(90, text)),
    check: (ok, text) => {
      // After Ctrl-C a ctl run was cut short: that is not a failed check, the tour just ends.
      signal.throwIfAborted()
      write(ok ? `${paint(32, '✓')} ${text}` : `${paint(31, '✗')} ${text}`)
      if (!ok) failures.push(text)
      return ok
    },
    sleep: (ms) => sleepFor(ms, undefined, { signal }),
  }
}
