import { readFile } from 'node:fs/promises'
import { type ConnectionOptions, credsAuthenticator, nkeyAuthenticator } from 'nats'

/**
 * NATS credentials from the environment, for connections whose options
 * bring none: the same variables the `control-plane` command reads
 * (docs/security.md). Values are paths wherever a file can hold the secret,
 * and no secret is ever logged: a problem names the variable and the path.
 */

/** The variables, by what they hold. */
export const NATS_ENV = Object.freeze({
  user: 'PRODBENCH_NATS_USER',
  password: 'PRODBENCH_NATS_PASSWORD',
  nkeyFile: 'PRODBENCH_NATS_NKEY',
  credsFile: 'PRODBENCH_NATS_CREDS',
  caFile: 'PRODBENCH_NATS_CA',
  certFile: 'PRODBENCH_NATS_CERT',
  keyFile: 'PRODBENCH_NATS_KEY',
})

/** Inbox prefix of SDK connections: a secured server lets only SDK identities read `_INBOX_SDK.>`. */
export const SDK_INBOX_PREFIX = '_INBOX_SDK'

/**
 * Connection options from `env` that `connection` does not set itself: an
 * authenticator (nkey seed file, creds file) or user/password, and TLS files.
 * Explicit options always win over the environment.
 * @throws {Error} naming the variable when a file cannot be read or holds no seed
 */
export async function natsCredentialsFromEnv(
  connection: ConnectionOptions,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<Partial<ConnectionOptions>> {
  const options: Partial<ConnectionOptions> = {}
  const hasAuth =
    connection.authenticator !== undefined ||
    connection.user !== undefined ||
    connection.pass !== undefined ||
    connection.token !== undefined
  if (!hasAuth) {
    const nkeyFile = env[NATS_ENV.nkeyFile]
    const credsFile = env[NATS_ENV.credsFile]
    if (nkeyFile) {
      const seed = (await readVar(NATS_ENV.nkeyFile, nkeyFile)).trim()
      if (!/^SU[A-Z2-7]{56}$/.test(seed))
        throw new Error(`${NATS_ENV.nkeyFile}: ${nkeyFile} holds no user nkey seed (SU...)`)
      options.authenticator = nkeyAuthenticator(new TextEncoder().encode(seed))
    } else if (credsFile) {
      options.authenticator = credsAuthenticator(new TextEncoder().encode(await readVar(NATS_ENV.credsFile, credsFile)))
    } else if (env[NATS_ENV.user]) {
      options.user = env[NATS_ENV.user]
      options.pass = env[NATS_ENV.password] ?? ''
    }
  }
  if (connection.tls === undefined) {
    const tls = {
      ...(env[NATS_ENV.caFile] ? { caFile: env[NATS_ENV.caFile] } : {}),
      ...(env[NATS_ENV.certFile] ? { certFile: env[NATS_ENV.certFile] } : {}),
      ...(env[NATS_ENV.keyFile] ? { keyFile: env[NATS_ENV.keyFile] } : {}),
    }
    if (Object.keys(tls).length > 0) options.tls = tls
  }
  return options
}

async function readVar(variable: string, path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (err) {
    throw new Error(`${variable}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`)
  }
}
