/**
 * ctl's entry point as a function: arguments and I/O in, exit code out, so the
 * whole CLI runs in-process in tests. bin/ctl.js is the only caller that
 * touches `process`.
 */
import { type Command, type Env, type GlobalOptions, parseCommandLine } from './args.js'
import { connectControlPlane, currentAuthor } from './client.js'
import { budget } from './commands/budget.js'
import { captureLs } from './commands/capture-ls.js'
import { captureStart } from './commands/capture-start.js'
import { captureStop } from './commands/capture-stop.js'
import { checkRun } from './commands/check-run.js'
import { checkSet } from './commands/check-set.js'
import { checks } from './commands/checks.js'
import { dump } from './commands/dump.js'
import { histShow } from './commands/hist-show.js'
import { histWatch } from './commands/hist-watch.js'
import { incidentOpen } from './commands/incident-open.js'
import { incidentShow } from './commands/incident-show.js'
import { incidentUpdate } from './commands/incident-update.js'
import { incidents } from './commands/incidents.js'
import { inspect } from './commands/inspect.js'
import { ls } from './commands/ls.js'
import { metrics } from './commands/metrics.js'
import { quarantine } from './commands/quarantine.js'
import { record } from './commands/record.js'
import { release } from './commands/release.js'
import { reset } from './commands/reset.js'
import { rm } from './commands/rm.js'
import { rules } from './commands/rules.js'
import { sample } from './commands/sample.js'
import { setLevel } from './commands/set-level.js'
import { status } from './commands/status.js'
import { tail } from './commands/tail.js'
import { runSecurityCommandLine, securityCommandOf } from './commands/token-command-line.js'
import { channelCredentialsFromEnv, resolveToken } from './commands/token-source.js'
import { metricsWatch } from './commands/watch.js'
import type { Context, CtlOutput, Report } from './context.js'
import { preflight } from './contexts-preflight.js'
import { CtlError, EXIT, ServerRefusedError } from './errors.js'
import { progressLabel, withProgress } from './progress.js'
import { createStyle, shouldColor } from './style.js'

export type { CtlOutput } from './context.js'

/** Everything ctl touches outside itself. */
export interface CtlIo {
  stdout: CtlOutput
  stderr: CtlOutput
  env: Env
  /** Current time in unix ms. */
  now: () => number
  /**
   * Subscribes `handler` to Ctrl-C (SIGINT) and returns the unsubscribe.
   * Only `hist watch`, `watch` and `tail` subscribe, so Ctrl-C ends any other command the usual
   * way. @default none (a watch then runs until its stream ends)
   */
  onInterrupt?: (handler: () => void) => () => void
}

/** Runs ctl with `argv` (without node and script) and returns the exit code (0, 1, 2 or 3). */
export async function main(argv: readonly string[], io: CtlIo): Promise<number> {
  // config, completion and __complete run here; --context becomes --server.
  const pre = await preflight(argv, io)
  if (pre.kind === 'exit') return pre.code
  // token and audit parse their own words (token-command-line.ts).
  if (securityCommandOf(pre.argv)) {
    return runSecurityCommandLine(pre.argv, io, {
      author: currentAuthor(io.env),
      token: () => resolveToken(argv, io.env),
    })
  }
  const parsed = parseCommandLine(pre.argv, io.env)
  if (parsed.kind === 'help') {
    io.stdout.write(parsed.text)
    return EXIT.OK
  }
  if (parsed.kind === 'usage-error') {
    io.stderr.write(`ctl: ${parsed.message}\n\n${parsed.usage}`)
    return EXIT.USAGE
  }
  const { options, command } = parsed
  let token: string | undefined
  let channelCredentials: ReturnType<typeof channelCredentialsFromEnv>
  try {
    // PRODBENCH_TOKEN, PRODBENCH_TOKEN_FILE, or the token of the context that chose the server.
    token = await resolveToken(argv, io.env)
    channelCredentials = channelCredentialsFromEnv(io.env)
  } catch (error) {
    return fail(error, options, io)
  }
  const client = connectControlPlane({
    server: options.server,
    author: currentAuthor(io.env),
    ...(token ? { token } : {}),
    ...(channelCredentials ? { channelCredentials } : {}),
  })
  const terminal = io.stdout.isTTY === true
  const context: Context = {
    client,
    now: io.now,
    style: createStyle(!options.json && shouldColor(options.color, io.stdout.isTTY)),
    ...(terminal ? { width: io.stdout.columns || 80 } : {}),
  }
  try {
    if (command.name === 'hist watch') return await histWatch(command, context, io, options.json)
    if (command.name === 'watch') return await metricsWatch(command, context, io, options.json)
    if (command.name === 'tail') return await tail(command, context, io, options.json)
    const report = await withProgress(io.stderr, progressLabel(command.name), () => run(command, context))
    for (const warning of report.warnings ?? []) io.stderr.write(`ctl: warning: ${warning}\n`)
    io.stdout.write(options.json ? `${JSON.stringify(report.json, null, 2)}\n` : `${report.lines.join('\n')}\n`)
    return report.exitCode
  } catch (error) {
    // A watch's stdout is JSON lines: its error document is one line too.
    return fail(
      error,
      options,
      io,
      command.name === 'hist watch' || command.name === 'watch' || command.name === 'tail',
    )
  } finally {
    client.close()
  }
}

function run(command: Exclude<Command, { name: 'hist watch' | 'watch' | 'tail' }>, context: Context): Promise<Report> {
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
    case 'capture start':
      return captureStart(command, context)
    case 'capture ls':
      return captureLs(command, context)
    case 'capture stop':
      return captureStop(command, context)
    case 'hist show':
      return histShow(command, context)
    case 'metrics':
      return metrics(command, context)
    case 'sample':
      return sample(command, context)
    case 'budget':
      return budget(command, context)
    case 'record':
      return record(command, context)
    case 'dump':
      return dump(command, context)
    case 'incidents':
      return incidents(command, context)
    case 'incident show':
      return incidentShow(command, context)
    case 'incident ack':
    case 'incident close':
      return incidentUpdate(command, context)
    case 'incident open':
      return incidentOpen(command, context)
    case 'checks':
      return checks(command, context)
    case 'check run':
      return checkRun(command, context)
    case 'check set':
      return checkSet(command, context)
    case 'quarantine':
      return quarantine(command, context)
    case 'release':
      return release(command, context)
    case 'inspect':
      return inspect(command, context)
  }
}

/** One line on stderr (and, with --json, one error document on stdout); returns the exit code. */
function fail(error: unknown, options: GlobalOptions, io: CtlIo, oneLine = false): number {
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
    io.stdout.write(`${JSON.stringify(document, null, oneLine ? undefined : 2)}\n`)
  }
  return exitCode
}
