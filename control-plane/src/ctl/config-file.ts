/**
 * ctl's config file: named contexts, one per environment, like kubectl's.
 *
 *     { "currentContext": "prod",
 *       "contexts": { "prod": { "server": "cp.prod.internal:7420" },
 *                     "staging": { "server": "10.1.0.7:7420" } } }
 *
 * Where: $PRODBENCH_CONFIG, else $XDG_CONFIG_HOME/prodbench/config.json,
 * else ~/.config/prodbench/config.json. A missing file is an empty config.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import type { Env } from './args.js'
import { serverAddressProblem } from './args.js'
import { FileError, UsageError } from './errors.js'

/** Letters, digits, `.`, `_`, `-`; starts with a letter or digit; at most 64 characters. */
export const CONTEXT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

/** Why `name` cannot name a context, or undefined. */
export function contextNameProblem(name: string): string | undefined {
  return CONTEXT_NAME.test(name)
    ? undefined
    : 'use letters, digits, ".", "_" and "-" (starting with a letter or digit, at most 64)'
}

/** One environment: where its control plane listens. */
export const CtlContext = z.object({
  /** gRPC HOST:PORT of the environment's control plane. */
  server: z.string().refine((s) => serverAddressProblem(s) === undefined, { message: 'expected HOST:PORT' }),
  /** File holding the bearer token sent to this context's server (`ctl config set-context --token-file`). */
  tokenFile: z.string().min(1).optional(),
  /** The bearer token itself (prefer tokenFile: this file is 0600, but a token file can be rotated alone). */
  token: z.string().min(1).optional(),
})
export type CtlContext = z.infer<typeof CtlContext>

/** The whole file. Unknown fields are kept on rewrite, so a newer ctl's settings survive an older one. */
export const CtlConfig = z
  .object({
    /** The context used when neither --server, --context nor PRODBENCH_SERVER says otherwise. */
    currentContext: z.string().optional(),
    contexts: z.record(z.string().regex(CONTEXT_NAME, 'bad context name'), CtlContext).default(() => ({})),
  })
  .passthrough()
export type CtlConfig = z.infer<typeof CtlConfig>

/** Where the config file is, from the environment. */
export function configPath(env: Env): string {
  if (env.PRODBENCH_CONFIG) return env.PRODBENCH_CONFIG
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config')
  return join(base, 'prodbench', 'config.json')
}

/**
 * Reads the config at `path`; a missing file is an empty config.
 * @throws {UsageError} when the file is not valid JSON or not a config (names the path and field)
 */
export async function readConfig(path: string): Promise<CtlConfig> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { contexts: {} }
    throw new UsageError(`cannot read config file ${path}: ${(error as Error).message}`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new UsageError(`config file ${path} is not valid JSON: ${(error as Error).message}`)
  }
  const parsed = CtlConfig.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const at = issue?.path.length ? issue.path.join('.') : '(top level)'
    throw new UsageError(`config file ${path}: ${at}: ${issue?.message ?? 'invalid'}`)
  }
  return parsed.data
}

/**
 * Writes `config` to `path` (folders made as needed, mode 0600, replaced in
 * one rename so a reader never sees half a file).
 * @throws {FileError} when it cannot be written
 */
export async function writeConfig(path: string, config: CtlConfig): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 })
    await writeFile(temp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 })
    await rename(temp, path)
  } catch (error) {
    throw new FileError(path, error)
  }
}
