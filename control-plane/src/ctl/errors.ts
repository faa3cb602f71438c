/**
 * What ctl can fail with, each mapped to one exit code. These are the CLI's
 * own errors (codes `PB_CTL_*`); what the server refuses arrives as a
 * {@link ServerRefusedError} carrying the server's message and gRPC code name.
 */

/** ctl's exit codes (documented in docs/ctl.md; never reuse a number for something else). */
export const EXIT = Object.freeze({
  /** The command did what it was asked. */
  OK: 0,
  /**
   * The change was not applied by every live instance in time, the server refused the request or did not
   * answer, or a file could not be written.
   */
  NOT_APPLIED: 1,
  /** The command line is wrong (unknown command or flag, missing svc=, bad level or duration). */
  USAGE: 2,
  /** The control plane could not be reached. */
  UNREACHABLE: 3,
})

/** Base of ctl's errors: a stable `code` and the exit code it ends ctl with. */
export class CtlError extends Error {
  override name = 'CtlError'
  constructor(
    readonly code: 'PB_CTL_USAGE' | 'PB_CTL_UNREACHABLE' | 'PB_CTL_REFUSED' | 'PB_CTL_NO_ANSWER' | 'PB_CTL_FILE',
    readonly exitCode: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** The command line is not one ctl understands; `command` says whose usage to print. */
export class UsageError extends CtlError {
  override name = 'UsageError'
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super('PB_CTL_USAGE', EXIT.USAGE, message)
  }
}

/** No connection to the control plane could be made. */
export class UnreachableError extends CtlError {
  override name = 'UnreachableError'
  constructor(
    readonly server: string,
    options?: { cause?: unknown },
  ) {
    super(
      'PB_CTL_UNREACHABLE',
      EXIT.UNREACHABLE,
      `cannot reach the control plane at ${server} (is it running? set --server or PRODBENCH_SERVER)`,
      options,
    )
  }
}

/** The control plane answered with an error status; `grpcCode` is its name (`INVALID_ARGUMENT`). */
export class ServerRefusedError extends CtlError {
  override name = 'ServerRefusedError'
  constructor(
    readonly grpcCode: string,
    readonly details: string,
    options?: { cause?: unknown },
  ) {
    super('PB_CTL_REFUSED', EXIT.NOT_APPLIED, `${details || 'request failed'} (${grpcCode})`, options)
  }
}

/** The control plane was connected but did not answer before the deadline. */
export class NoAnswerError extends CtlError {
  override name = 'NoAnswerError'
  constructor(
    readonly server: string,
    readonly deadlineMs: number,
    options?: { cause?: unknown },
  ) {
    super(
      'PB_CTL_NO_ANSWER',
      EXIT.NOT_APPLIED,
      `the control plane at ${server} did not answer within ${deadlineMs} ms (DEADLINE_EXCEEDED)`,
      options,
    )
  }
}

/** A file ctl was asked to write (`hist watch --hlog FILE`) could not be opened or written. */
export class FileError extends CtlError {
  override name = 'FileError'
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    // "ENOENT: no such file or directory, open '/x/y.hlog'": the path is already said.
    const why = (cause instanceof Error ? cause.message : String(cause)).replace(/, \w+ '.*'$/, '')
    super('PB_CTL_FILE', EXIT.NOT_APPLIED, `cannot write ${path}: ${why}`, { cause })
  }
}
