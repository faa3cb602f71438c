/**
 * `ctl config ...`: manage the contexts of the config file.
 *
 *   ctl config set-context NAME --server HOST:PORT   add or change a context
 *   ctl config use-context NAME                      make it the current one
 *   ctl config get-contexts [--json]                 list them (* = current)
 *   ctl config current-context                       print the current one
 *   ctl config delete-context NAME                   remove one
 *
 * No server is contacted. Output goes through the same report shape as the
 * other commands (lines, or one JSON document with --json).
 */
import { resolve as resolvePath } from 'node:path'
import { parseArgs } from 'node:util'
import type { Env } from './args.js'
import { serverAddressProblem } from './args.js'
import { type CtlConfig, configPath, contextNameProblem, readConfig, writeConfig } from './config-file.js'
import type { Report } from './context.js'
import { contextServer } from './contexts.js'
import { EXIT, UsageError } from './errors.js'

/** The subcommands of `ctl config`, in the order help lists them. */
export const CONFIG_SUBCOMMANDS = [
  'set-context',
  'use-context',
  'get-contexts',
  'current-context',
  'delete-context',
] as const

/** Runs `ctl config <args>`; `args` are the words after `config`. */
export async function configCommand(args: readonly string[], env: Env): Promise<Report & { json: object }> {
  const [sub, ...rest] = args
  if (sub === undefined || sub.startsWith('-')) {
    throw new UsageError(`config needs a subcommand: ${CONFIG_SUBCOMMANDS.join(', ')}`, 'config')
  }
  let parsed: ReturnType<typeof parseRest>
  try {
    parsed = parseRest(rest)
  } catch (error) {
    const word = /'([^' ]+)/.exec((error as Error).message)?.[1] ?? '?'
    const code = (error as { code?: string }).code
    const why =
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? `unknown option ${word} for config ${sub}`
        : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
          ? `${word} needs a value`
          : `config ${sub}: ${(error as Error).message}`
    throw new UsageError(why, 'config')
  }
  const { values, positionals } = parsed
  const path = configPath(env)
  const config = await readConfig(path)
  const name = () => {
    const [n, extra] = positionals
    if (n === undefined) throw new UsageError(`config ${sub} needs a context NAME`, 'config')
    if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`, 'config')
    const problem = contextNameProblem(n)
    if (problem) throw new UsageError(`bad context name "${n}": ${problem}`, 'config')
    return n
  }
  const none = () => {
    if (positionals[0] !== undefined) throw new UsageError(`unexpected argument "${positionals[0]}"`, 'config')
  }
  const onlyFor = (flag: 'server', allowed: boolean) => {
    if (values[flag] !== undefined && !allowed) throw new UsageError(`config ${sub} takes no --${flag}`, 'config')
  }
  onlyFor('server', sub === 'set-context')
  switch (sub) {
    case 'set-context': {
      const n = name()
      const server = values.server
      if (server === undefined) throw new UsageError('config set-context needs --server HOST:PORT', 'config')
      const problem = serverAddressProblem(server)
      if (problem) throw new UsageError(`bad --server "${server}": ${problem}`, 'config')
      const existed = Object.hasOwn(config.contexts, n)
      // --token-file: the bearer token sent to this server (docs/security.md); the path, never the token.
      const tokenFile = values['token-file'] === undefined ? {} : { tokenFile: resolvePath(values['token-file']) }
      const next: CtlConfig = { ...config, contexts: { ...config.contexts, [n]: { server, ...tokenFile } } }
      await writeConfig(path, next)
      const line = `context "${n}" ${existed ? 'modified' : 'created'}: server ${server} (${path})`
      return done([line], { context: n, server, created: !existed, path })
    }
    case 'use-context': {
      const n = name()
      const server = contextServer(config, n, path, 'context')
      await writeConfig(path, { ...config, currentContext: n })
      return done([`switched to context "${n}" (${server})`], { currentContext: n, server, path })
    }
    case 'delete-context': {
      const n = name()
      contextServer(config, n, path, 'context')
      const { [n]: _removed, ...contexts } = config.contexts
      const next: CtlConfig = { ...config, contexts }
      const wasCurrent = next.currentContext === n
      if (wasCurrent) delete next.currentContext
      await writeConfig(path, next)
      const note = wasCurrent ? '; there is no current context now' : ''
      return done([`deleted context "${n}"${note}`], { deleted: n, path })
    }
    case 'current-context': {
      none()
      const current = config.currentContext
      if (current === undefined) {
        return {
          exitCode: EXIT.NOT_APPLIED,
          lines: [`no current context (set one: ctl config use-context NAME; file ${path})`],
          json: { currentContext: null, path },
        }
      }
      return done([current], { currentContext: current, server: config.contexts[current]?.server ?? null, path })
    }
    case 'get-contexts': {
      none()
      const names = Object.keys(config.contexts).sort()
      const rows = names.map((n) => ({
        name: n,
        server: config.contexts[n]?.server ?? '',
        current: n === config.currentContext,
      }))
      if (rows.length === 0) {
        return done([`no contexts in ${path} (add one: ctl config set-context NAME --server HOST:PORT)`], {
          contexts: [],
          path,
        })
      }
      const width = Math.max(4, ...names.map((n) => n.length))
      const lines = [
        `CURRENT  ${'NAME'.padEnd(width)}  SERVER`,
        ...rows.map((r) => `${r.current ? '*' : ' '}        ${r.name.padEnd(width)}  ${r.server}`),
      ]
      return done(lines, { contexts: rows, currentContext: config.currentContext ?? null, path })
    }
    default:
      throw new UsageError(`unknown config subcommand "${sub}" (expected ${CONFIG_SUBCOMMANDS.join(', ')})`, 'config')
  }
}

function parseRest(rest: readonly string[]) {
  return parseArgs({
    args: [...rest],
    options: {
      server: { type: 'string' },
      'token-file': { type: 'string' },
      json: { type: 'boolean' },
      'no-color': { type: 'boolean' },
    },
    strict: true,
    allowPositionals: true,
  })
}

function done(lines: string[], json: Record<string, unknown>): Report & { json: object } {
  return { exitCode: EXIT.OK, lines, json }
}
