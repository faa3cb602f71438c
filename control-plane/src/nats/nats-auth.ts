import { readFile } from 'node:fs/promises'
import { type ConnectionOptions, credsAuthenticator, nkeyAuthenticator, nkeys } from 'nats'
import { InvalidOptionsError } from '../errors.js'
import type { NatsCredentials } from '../security/nats-credentials.js'

/**
 * Credentials → nats.js connection options (authenticator, TLS files). Files
 * are read here, once per connect; a file that cannot be read fails the
 * connect with a message naming it (never its content).
 * @throws {InvalidOptionsError} when a file is missing or not what it should hold
 */
export async function natsAuthOptions(credentials: NatsCredentials | undefined): Promise<Partial<ConnectionOptions>> {
  if (!credentials) return {}
  const options: Partial<ConnectionOptions> = {}
  if (credentials.user !== undefined) {
    options.user = credentials.user
    options.pass = credentials.password
  }
  if (credentials.nkeyFile) {
    const seed = (await readSecret(credentials.nkeyFile, 'nkeyFile')).trim()
    if (!/^SU[A-Z2-7]{56}$/.test(seed)) {
      throw new InvalidOptionsError(`nkeyFile: ${credentials.nkeyFile} does not hold a user nkey seed (SU...)`)
    }
    options.authenticator = nkeyAuthenticator(new TextEncoder().encode(seed))
  }
  if (credentials.credsFile) {
    options.authenticator = credsAuthenticator(
      new TextEncoder().encode(await readSecret(credentials.credsFile, 'credsFile')),
    )
  }
  if (credentials.tls) {
    options.tls = {
      ...(credentials.tls.caFile ? { caFile: credentials.tls.caFile } : {}),
      ...(credentials.tls.certFile ? { certFile: credentials.tls.certFile } : {}),
      ...(credentials.tls.keyFile ? { keyFile: credentials.tls.keyFile } : {}),
    }
  }
  return options
}

/** A new user nkey pair: the seed (secret) and the public key the server config names. */
export function createUserNkey(): { seed: string; publicKey: string } {
  const pair = nkeys.createUser()
  return { seed: new TextDecoder().decode(pair.getSeed()), publicKey: pair.getPublicKey() }
}

/** The public key of a user seed. */
export function publicKeyOfSeed(seed: string): string {
  return nkeys.fromSeed(new TextEncoder().encode(seed.trim())).getPublicKey()
}

async function readSecret(path: string, field: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (err) {
    throw new InvalidOptionsError(`${field}: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? err}`)
  }
}
