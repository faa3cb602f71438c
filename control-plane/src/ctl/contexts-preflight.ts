/**
 * What ctl does before parsing a command line: the commands that need no
 * control plane (`config`, `completion`, the hidden `__complete`) run here,
 * and for every other one `--context` is resolved into `--server` (see
 * contexts.ts for the precedence), so the parser stays unaware of contexts.
 */
import type { Env } from './args.js'
import { completionScript, SHELLS, type Shell } from './completion.js'
import { completeValues } from './completion-values.js'
import { configCommand } from './config-command.js'
import type { CtlOutput } from './context.js'
import { resolveServer } from './contexts.js'
import { CtlError, EXIT, UsageError } from './errors.js'
import { GLOBAL_USAGE } from './usage.js'

/** Help of `ctl config`. */
export const CONFIG_USAGE = `usage: ctl config <subcommand> [args]

Contexts name the control planes of your environments, like kubectl's, in
$PRODBENCH_CONFIG, else $XDG_CONFIG_HOME/prodbench/config.json, else
~/.config/prodbench/config.json. No server is contacted.

subcommands:
  set-context NAME --server HOST:PORT [--token-file FILE]
                                        add a context or change it; the token in
                                        FILE is sent to this server only
  use-context NAME                      make NAME the current context
  get-contexts                          list the contexts (* marks the current)
  current-context                       print the current context's name
  delete-context NAME                   remove a context

Which server a command talks to, first match wins: --server, --context NAME,
PRODBENCH_SERVER, the current context, 127.0.0.1:7420.

example:
  ctl config set-context prod --server cp.prod.internal:7420
  ctl config use-context prod
  ctl --context staging ls
`

/** Help of `ctl completion`. */
export const COMPLETION_USAGE = `usage: ctl completion <bash|zsh>

Prints a shell completion script: commands, flags and keys are completed
offline; svc=, logger=, inst=, metric=, capture= values and --context names
are asked from the live control plane (1.5 s at most, silent on failure).

  bash:  source <(ctl completion bash)       (add to ~/.bashrc)
  zsh:   source <(ctl completion zsh)        (in ~/.zshrc, after compinit)
`

interface Io {
  stdout: CtlOutput
  stderr: CtlOutput
  env: Env
}

/** Either an exit code (the command ran here) or the command line to parse and run. */
export type Preflight = { kind: 'exit'; code: number } | { kind: 'run'; argv: string[] }

/** Runs config/completion/__complete, or resolves --context for the other commands. */
export async function preflight(argv: readonly string[], io: Io): Promise<Preflight> {
  const at = firstWord(argv)
  const word = at === -1 ? undefined : argv[at]
  const rest = at === -1 ? [] : argv.slice(at + 1)
  const json = argv.slice(0, at === -1 ? argv.length : at).includes('--json') || rest.includes('--json')
  const help = [...argv].some((w) => w === '--help' || w === '-h')
  try {
    if (word === '__complete') {
      const words = rest[0] === '--' ? rest.slice(1) : rest
      const values = await completeValues(words, io.env).catch(() => [])
      if (values.length) io.stdout.write(`${values.join('\n')}\n`)
      return exit(EXIT.OK)
    }
    if (word === 'help' && (rest[0] === 'config' || rest[0] === 'completion')) {
      io.stdout.write(rest[0] === 'config' ? CONFIG_USAGE : COMPLETION_USAGE)
      return exit(EXIT.OK)
    }
    if (word === 'completion') {
      if (help) return print(io, COMPLETION_USAGE)
      const shell = rest[0]
      if (rest.length !== 1 || !(SHELLS as readonly string[]).includes(shell ?? '')) {
        throw new UsageError(`completion needs one shell: ${SHELLS.join(' or ')}`, 'completion')
      }
      return print(io, completionScript(shell as Shell))
    }
    if (word === 'config') {
      if (help) return print(io, CONFIG_USAGE)
      const report = await configCommand(rest, io.env)
      io.stdout.write(json ? `${JSON.stringify(report.json, null, 2)}\n` : `${report.lines.join('\n')}\n`)
      return exit(report.exitCode)
    }
    // Help needs no server: a broken config file must not hide it.
    if (help || word === 'help' || word === undefined) return { kind: 'run', argv: [...argv] }
    const resolved = await resolveServer(argv, io.env)
    return { kind: 'run', argv: resolved.argv }
  } catch (error) {
    if (!(error instanceof CtlError)) throw error
    // A bad command line gets its usage; a wrong context name gets the known ones, in the message.
    const usage = error instanceof UsageError && error.command ? `\n\n${usageFor(error.command)}` : '\n'
    io.stderr.write(`ctl: ${error.message}${usage}`)
    return exit(error.exitCode)
  }
}

function usageFor(command: string): string {
  if (command === 'config') return CONFIG_USAGE
  if (command === 'completion') return COMPLETION_USAGE
  return GLOBAL_USAGE
}

/** Index of the first word that is not a global flag or a flag's value; -1 when none. */
function firstWord(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string
    if (word === '--') return -1
    if (!word.startsWith('-')) return i
    if (word === '--server' || word === '--context') i++
  }
  return -1
}

function print(io: Io, text: string): Preflight {
  io.stdout.write(text)
  return exit(EXIT.OK)
}

function exit(code: number): Preflight {
  return { kind: 'exit', code }
}
