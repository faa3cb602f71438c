/**
 * Which control plane ctl talks to. Precedence, most explicit first:
 *
 *   1. --server HOST:PORT
 *   2. --context NAME          (a context of the config file)
 *   3. PRODBENCH_SERVER        (environment)
 *   4. the config file's current context (`ctl config use-context NAME`)
 *   5. 127.0.0.1:7420
 *
 * Flags beat the environment, and the environment beats the file, as with
 * kubectl and most CLIs: a script that exports PRODBENCH_SERVER is not
 * redirected by someone's `use-context`.
 */
import type { Env } from './args.js'
import { serverAddressProblem } from './args.js'
import { type CtlConfig, configPath, contextNameProblem, readConfig } from './config-file.js'
import { UsageError } from './errors.js'

/** Where the server address came from (shown by `ctl config get-contexts` and in tests). */
export type ServerSource = 'flag' | 'context-flag' | 'env' | 'current-context' | 'default'

/** The words of a command line with `--context` taken out, and what it named. */
export interface ContextWords {
  /** The words without `--context NAME` / `--context=NAME`. */
  readonly words: string[]
  /** The NAME given with --context, if any. */
  readonly context?: string
  /** Whether `--server` was given. */
  readonly hasServer: boolean
}

/**
 * Takes `--context NAME` (or `--context=NAME`) out of `argv`, anywhere before
 * a `--`. Throws a usage error for a --context without a name or given twice.
 */
export function takeContextFlag(argv: readonly string[]): ContextWords {
  const words: string[] = []
  let context: string | undefined
  let hasServer = false
  let ended = false
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string
    if (ended || word === '--') {
      ended = true
      words.push(word)
      continue
    }
    if (word === '--server' || word.startsWith('--server=')) hasServer = true
    let value: string | undefined
    if (word === '--context') {
      value = argv[i + 1]
      if (value === undefined || value.startsWith('-')) throw new UsageError('--context needs a value (a context name)')
      i++
    } else if (word.startsWith('--context=')) {
      value = word.slice('--context='.length)
    } else {
      words.push(word)
      continue
    }
    if (context !== undefined) throw new UsageError('--context given twice')
    const problem = contextNameProblem(value)
    if (problem) throw new UsageError(`bad --context "${value}": ${problem}`)
    context = value
  }
  return { words, ...(context !== undefined ? { context } : {}), hasServer }
}

/** The server a context names; a usage error naming the known contexts when it does not exist. */
export function contextServer(config: CtlConfig, name: string, path: string, what: string): string {
  const found = config.contexts[name]
  if (!found) {
    const known = Object.keys(config.contexts)
    const list = known.length
      ? `known: ${known.sort().join(', ')}`
      : 'none is set: ctl config set-context NAME --server HOST:PORT'
    throw new UsageError(`${what} "${name}" is not in ${path} (${list})`)
  }
  const problem = serverAddressProblem(found.server)
  if (problem) throw new UsageError(`context "${name}" in ${path}: bad server "${found.server}": ${problem}`)
  return found.server
}

/** The server chosen for a command line, and why. */
export interface ResolvedServer {
  /** The command line to parse: `--context` taken out, `--server` put in front when a context chose it. */
  readonly argv: string[]
  /** The address, or undefined when the parser's default or PRODBENCH_SERVER applies (it checks them). */
  readonly server?: string
  readonly source: ServerSource
  /** The context used, if one was. */
  readonly context?: string
}

/**
 * Applies the precedence above to `argv`. The config file is only read when
 * a context can matter (no --server; --context given or no PRODBENCH_SERVER),
 * so a broken file never gets in the way of an explicit address.
 */
export async function resolveServer(argv: readonly string[], env: Env): Promise<ResolvedServer> {
  const { words, context, hasServer } = takeContextFlag(argv)
  if (hasServer) return { argv: words, source: 'flag' }
  if (context === undefined && env.PRODBENCH_SERVER) return { argv: words, source: 'env' }
  const path = configPath(env)
  const config = await readConfig(path)
  if (context !== undefined) {
    const server = contextServer(config, context, path, 'context')
    return { argv: ['--server', server, ...words], server, source: 'context-flag', context }
  }
  if (config.currentContext !== undefined) {
    const server = contextServer(config, config.currentContext, path, 'current context')
    return { argv: ['--server', server, ...words], server, source: 'current-context', context: config.currentContext }
  }
  return { argv: words, source: 'default' }
}
