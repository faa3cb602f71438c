/**
 * ctl's entry point as a function: arguments and I/O in, exit code out, so the
 * whole CLI runs in-process in tests. bin/ctl.js is the only caller that
 * touches `process`.
 */
import { type Command, type Env, type GlobalOptions, parseCommandLine } from './args.js'
import { connectControlPlane, currentAuthor } from './client.js'
import { ls } from './commands/ls.js'
import { reset } from './commands/reset.js'
import { rm } from './commands/rm.js'
import { rules } from './commands/rules.js'
import { setLevel } from './commands/set-level.js'
import { status } from './commands/status.js'
import type { Context, Report } from './context.js'
import { CtlError, EXIT, ServerRefusedError } from './errors.js'
import { createStyle, shouldColor } from './style.js'

/** A stream ctl writes to; `isTTY` and `columns` decide colours and table width. */
export interface CtlOutput {
  write(text: string): unknown
  /** True for a terminal. @default undefined (not a terminal: no colours, no cutting) */
  isTTY?: boolean
  /** Terminal width. @default 80 when a terminal */
  columns?: number
}

/** Everything ctl touches outside itself. */
export interface CtlIo {
  stdout: CtlOutput
  stderr: CtlOutput
  env: Env
  /** Current time in unix ms. */
  now: () => number
}

/** Runs ctl with `argv` (without node and script) and returns the exit code (0, 1, 2 or 3). */
export async function main(argv: readonly string[], io: CtlIo): Promise<number> {
  const parsed = parseCommandLine(argv, io.env)
  if (parsed.kind === 'help') {
    io.stdout.write(parsed.text)
    return EXIT.OK
  }
  if (parsed.kind === 'usage-error') {
    io.stderr.write(`ctl: ${parsed.message}\n\n${parsed.usage}`)
    return EXIT.USAGE
  }
  const { options, command } = parsed
  const client = connectControlPlane({ server: options.server, author: currentAuthor(io.env) })
  const terminal = io.stdout.isTTY === true
  const context: Context = {
    client,
    now: io.now,
    style: createStyle(!options.json && shouldColor(options.color, io.stdout.isTTY)),
    ...(terminal ? { width: io.stdout.columns || 80 } : {}),
  }
  try {
    const report = await run(command, context)
    io.stdout.write(options.json ? `${JSON.stringify(report.json, null, 2)}\n` : `${report.lines.join('\n')}\n`)
    return report.exitCode
  } catch (error) {
    return fail(error, options, io)
  } finally {
    client.close()
  }
}

function run(command: Command, context: Context): Promise<Report> {
  switch (command.name) {
    case 'ls':
      return ls(command, context)
    case 'status':
      return status(command, context)
    case 'rules':
      return rules(command, context)
    case 'set-level':
      return setLevel(command, context)
    case 'reset':
      return reset(command, context)
    case 'rm':
      return rm(command, context)
  }
}

/** One line on stderr (and, with --json, one error document on stdout); returns the exit code. */
function fail(error: unknown, options: GlobalOptions, io: CtlIo): number {
  const known = error instanceof CtlError
  const message = known ? error.message : `unexpected error: ${error instanceof Error ? error.stack : String(error)}`
  const exitCode = known ? error.exitCode : EXIT.NOT_APPLIED
  const style = createStyle(shouldColor(options.color, io.stderr.isTTY))
  io.stderr.write(`${style.red('ctl:')} ${message}\n`)
  if (options.json) {
    const document = {
      error: {
        code: known ? error.code : 'PB_CTL_INTERNAL',
        ...(error instanceof ServerRefusedError ? { grpcCode: error.grpcCode, details: error.details } : {}),
        message: known ? error.message : String(error),
        server: options.server,
        exitCode,
      },
    }
    io.stdout.write(`${JSON.stringify(document, null, 2)}\n`)
  }
  return exitCode
}
