/**
 * What a command gets to run with and what it hands back. Commands call the
 * server, then build a {@link Report} with a pure function that tests can
 * call with a response of their own.
 */
import type { ControlPlaneApi } from './client.js'
import type { Style } from './style.js'

/** A stream ctl writes to; `isTTY` and `columns` decide colours and table width. */
export interface CtlOutput {
  write(text: string): unknown
  /** True for a terminal. @default undefined (not a terminal: no colours, no cutting) */
  isTTY?: boolean
  /** Terminal width. @default 80 when a terminal */
  columns?: number
}

/** How output should look, fixed for one report. */
export interface View {
  /** Current time (unix ms), for "in 14m" and local clock times. */
  now: number
  style: Style
  /** Widest line for tables; undefined when not writing to a terminal (no cutting). */
  width?: number
}

/** Everything a command needs to run. */
export interface Context {
  client: ControlPlaneApi
  now: () => number
  style: Style
  width?: number
}

/** A command's outcome: text for people, one JSON document for programs, and the exit code. */
export interface Report {
  exitCode: number
  /** Lines printed without --json. */
  lines: string[]
  /** The document printed with --json: the server's response plus a `summary`. */
  json: Record<string, unknown>
  /** Printed on stderr as `ctl: warning: ...`, with or without --json. @default none */
  warnings?: string[]
}

/** The view of `context` at this moment. */
export function viewOf(context: Context): View {
  return { now: context.now(), style: context.style, ...(context.width ? { width: context.width } : {}) }
}

/** "1 rule", "3 rules". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
