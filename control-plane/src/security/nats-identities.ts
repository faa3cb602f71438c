import { randomBytes } from 'node:crypto'
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { createUserNkey, publicKeyOfSeed } from '../nats/index.js'
import type { NatsConfigSetup, NatsUser } from './nats-config.js'
import { NATS_CREDENTIAL_ENV, type NatsCredentials } from './nats-credentials.js'
import type { NatsRole } from './nats-permissions.js'

/** nkey seeds (only public keys in the server config) or user/password (the config then holds the passwords). */
export type NatsAuthKind = 'nkey' | 'password'

/** The credentials of both roles, and the files holding them. */
export interface NatsIdentities {
  readonly dir: string
  readonly kind: NatsAuthKind
  /** What the control plane connects with. */
  readonly controlPlane: NatsCredentials
  /** What SDK instances connect with. */
  readonly sdk: NatsCredentials
  /** The entries of the server config's authorization block. */
  readonly users: NatsConfigSetup['users']
  /** Files that hold a secret (mode 0600). */
  readonly secretFiles: readonly string[]
}

/** File names in the identities folder. */
export const IDENTITY_FILES = Object.freeze({
  config: 'nats-server.conf',
  controlPlaneEnv: 'control-plane.env',
  sdkEnv: 'sdk.env',
})

const BASE: Readonly<Record<NatsRole, string>> = Object.freeze({ 'control-plane': 'control-plane', sdk: 'sdk' })
const USER_NAME: Readonly<Record<NatsRole, string>> = Object.freeze({
  'control-plane': 'prodbench-control-plane',
  sdk: 'prodbench-sdk',
})

/**
 * Loads the identities kept in `dir`, making what is missing (or everything,
 * with `rotate`): an nkey seed or a password per role, each in its own file
 * of mode 0600 in a folder of mode 0700. Keys are kept across restarts so
 * running services stay connected; `rotate` replaces them.
 */
export async function ensureNatsIdentities(
  dir: string,
  options: { kind?: NatsAuthKind; rotate?: boolean } = {},
): Promise<NatsIdentities> {
  const kind = options.kind ?? 'nkey'
  const folder = resolve(dir)
  await mkdir(folder, { recursive: true, mode: 0o700 })
  await chmod(folder, 0o700)
  const roles: NatsRole[] = ['control-plane', 'sdk']
  const users: NatsUser[] = []
  const credentials = {} as Record<NatsRole, NatsCredentials>
  const secretFiles: string[] = []
  for (const role of roles) {
    if (kind === 'nkey') {
      const path = join(folder, `${BASE[role]}.nk`)
      const seed = (!options.rotate && (await readSeed(path))) || createUserNkey().seed
      await writeSecret(path, `${seed}\n`)
      users.push({ role, nkey: publicKeyOfSeed(seed) })
      credentials[role] = { nkeyFile: path }
      secretFiles.push(path)
    } else {
      const path = join(folder, `${BASE[role]}.password`)
      const kept = options.rotate ? undefined : (await readFile(path, 'utf8').catch(() => '')).trim()
      const password = kept || randomBytes(24).toString('base64url')
      await writeSecret(path, `${password}\n`)
      users.push({ role, user: USER_NAME[role], password })
      credentials[role] = { user: USER_NAME[role], password }
      secretFiles.push(path)
    }
  }
  return {
    dir: folder,
    kind,
    controlPlane: credentials['control-plane'],
    sdk: credentials.sdk,
    users,
    secretFiles,
  }
}

/**
 * An env file for a role: `NATS_URL` (when known) and the PRODBENCH_NATS_*
 * variables the SDK and `control-plane` read. With nkeys it names the seed
 * file; with passwords it holds the password (mode 0600 either way).
 */
export function envFileText(credentials: NatsCredentials, natsUrl?: string): string {
  const lines = ['# prodbench NATS credentials (generated). Keep private: mode 0600.']
  if (natsUrl) lines.push(`NATS_URL=${natsUrl}`)
  if (credentials.nkeyFile) lines.push(`${NATS_CREDENTIAL_ENV.nkeyFile}=${credentials.nkeyFile}`)
  if (credentials.credsFile) lines.push(`${NATS_CREDENTIAL_ENV.credsFile}=${credentials.credsFile}`)
  if (credentials.user) lines.push(`${NATS_CREDENTIAL_ENV.user}=${credentials.user}`)
  if (credentials.password) lines.push(`${NATS_CREDENTIAL_ENV.password}=${credentials.password}`)
  if (credentials.tls?.caFile) lines.push(`${NATS_CREDENTIAL_ENV.caFile}=${credentials.tls.caFile}`)
  if (credentials.tls?.certFile) lines.push(`${NATS_CREDENTIAL_ENV.certFile}=${credentials.tls.certFile}`)
  if (credentials.tls?.keyFile) lines.push(`${NATS_CREDENTIAL_ENV.keyFile}=${credentials.tls.keyFile}`)
  return `${lines.join('\n')}\n`
}

/** Parses a `KEY=value` env file (comments and blank lines skipped). */
export function parseEnvFile(text: string): Record<string, string> {
  const vars: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const trimmed = line.trim()
    if (!trimmed || trimmed.startsWith('#')) continue
    const eq = trimmed.indexOf('=')
    if (eq > 0) vars[trimmed.slice(0, eq).trim()] = trimmed.slice(eq + 1).trim()
  }
  return vars
}

/** Writes `text` to `path` with mode 0600, replaced in one rename (never half a file, never readable by others). */
export async function writeSecret(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`
  await writeFile(temp, text, { mode: 0o600 })
  await chmod(temp, 0o600)
  await rename(temp, path)
}

async function readSeed(path: string): Promise<string | undefined> {
  const text = (await readFile(path, 'utf8').catch(() => '')).trim()
  if (!/^SU[A-Z2-7]{56}$/.test(text)) return undefined
  return text
}
