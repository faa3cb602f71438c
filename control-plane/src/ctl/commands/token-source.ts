/**
 * Which bearer token ctl sends. First match wins:
 *
 *   1. PRODBENCH_TOKEN        the token itself (environment)
 *   2. PRODBENCH_TOKEN_FILE   a file holding it
 *   3. the context's token    `token` or `tokenFile` of the context that chose
 *                             the server (--context NAME, or the current one)
 *
 * A context's token is only sent to that context's server: with --server or
 * PRODBENCH_SERVER, no context token is used (a token must not leak to
 * another control plane). No token: the server answers UNAUTHENTICATED
 * unless it runs without authentication.
 */
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { type ChannelCredentials, credentials } from '@grpc/grpc-js'
import type { Env } from '../args.js'
import { configPath, readConfig } from '../config-file.js'
import { takeContextFlag } from '../contexts.js'
import { UsageError } from '../errors.js'

/** The token for the command line `argv` (before --context is resolved), or undefined. */
export async function resolveToken(argv: readonly string[], env: Env): Promise<string | undefined> {
  if (env.PRODBENCH_TOKEN) return env.PRODBENCH_TOKEN.trim()
  if (env.PRODBENCH_TOKEN_FILE) return readToken(env.PRODBENCH_TOKEN_FILE, 'PRODBENCH_TOKEN_FILE')
  const { context, hasServer } = takeContextFlag(argv)
  if (hasServer || (context === undefined && env.PRODBENCH_SERVER)) return undefined
  const path = configPath(env)
  const config = await readConfig(path)
  const name = context ?? config.currentContext
  const chosen = name === undefined ? undefined : config.contexts[name]
  if (!chosen) return undefined
  if (chosen.token) return chosen.token.trim()
  return chosen.tokenFile ? readToken(chosen.tokenFile, `context "${name}" tokenFile`) : undefined
}

async function readToken(path: string, what: string): Promise<string> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new UsageError(`${what}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
  }
  const token = text.trim()
  if (!token) throw new UsageError(`${what}: ${path} is empty`)
  return token
}

/**
 * TLS to the control plane from the environment: PRODBENCH_TLS_CA (the CA
 * that signed the server's certificate; set it and ctl speaks TLS), and
 * PRODBENCH_TLS_CERT with PRODBENCH_TLS_KEY for mutual TLS. Undefined: plaintext.
 * @throws {UsageError} naming a variable whose file cannot be read
 */
export function channelCredentialsFromEnv(env: Env): ChannelCredentials | undefined {
  const ca = env.PRODBENCH_TLS_CA
  const cert = env.PRODBENCH_TLS_CERT
  const key = env.PRODBENCH_TLS_KEY
  if (!ca && !cert && !key) return undefined
  if (Boolean(cert) !== Boolean(key)) throw new UsageError('PRODBENCH_TLS_CERT and PRODBENCH_TLS_KEY go together')
  const read = (variable: string, path: string | undefined) => {
    if (!path) return null
    try {
      return readFileSync(path)
    } catch (error) {
      throw new UsageError(`${variable}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
    }
  }
  return credentials.createSsl(
    read('PRODBENCH_TLS_CA', ca),
    read('PRODBENCH_TLS_KEY', key),
    read('PRODBENCH_TLS_CERT', cert),
  )
}
