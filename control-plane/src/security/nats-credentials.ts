import { z } from 'zod'

/**
 * How a prodbench process proves who it is to NATS, and how it checks the
 * server (TLS). Paths, not secrets, wherever a file can hold the secret: a
 * path in an environment variable or a command line leaks nothing.
 *
 * The same environment variables serve the control plane and the SDK
 * (each process has its own): see {@link NATS_CREDENTIAL_ENV}.
 */
export const NatsCredentials = z
  .strictObject({
    /** User name (with `password`). */
    user: z.string().min(1).optional(),
    /** Password of `user`. Never logged or printed. */
    password: z.string().min(1).optional(),
    /** File holding an nkey seed (`SU...`): the server knows only the public key. */
    nkeyFile: z.string().min(1).optional(),
    /** A `.creds` file (JWT and nkey seed) for a server in operator mode. */
    credsFile: z.string().min(1).optional(),
    /** TLS: CA bundle to verify the server with; client certificate and key for mutual TLS. */
    tls: z
      .strictObject({
        caFile: z.string().min(1).optional(),
        certFile: z.string().min(1).optional(),
        keyFile: z.string().min(1).optional(),
      })
      .optional(),
  })
  .superRefine((c, ctx) => {
    const ways = [c.user !== undefined || c.password !== undefined, c.nkeyFile, c.credsFile].filter(Boolean)
    if (ways.length > 1) {
      ctx.addIssue({ code: 'custom', message: 'give one of user/password, nkeyFile or credsFile', path: [] })
    }
    if ((c.user === undefined) !== (c.password === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'user and password go together', path: [c.user ? 'password' : 'user'] })
    }
    if (c.tls && (c.tls.certFile === undefined) !== (c.tls.keyFile === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'certFile and keyFile go together', path: ['tls'] })
    }
  })
export type NatsCredentials = z.infer<typeof NatsCredentials>

/** The environment variables read for NATS credentials (by `control-plane` and by the SDK's `init()`). */
export const NATS_CREDENTIAL_ENV = Object.freeze({
  user: 'PRODBENCH_NATS_USER',
  password: 'PRODBENCH_NATS_PASSWORD',
  nkeyFile: 'PRODBENCH_NATS_NKEY',
  credsFile: 'PRODBENCH_NATS_CREDS',
  caFile: 'PRODBENCH_NATS_CA',
  certFile: 'PRODBENCH_NATS_CERT',
  keyFile: 'PRODBENCH_NATS_KEY',
})

/** Credentials from the environment; undefined when none of the variables is set. */
export function natsCredentialsFromEnv(env: Readonly<Record<string, string | undefined>>): NatsCredentials | undefined {
  const get = (name: string) => env[name] || undefined
  const tls = {
    ...(get(NATS_CREDENTIAL_ENV.caFile) ? { caFile: get(NATS_CREDENTIAL_ENV.caFile) } : {}),
    ...(get(NATS_CREDENTIAL_ENV.certFile) ? { certFile: get(NATS_CREDENTIAL_ENV.certFile) } : {}),
    ...(get(NATS_CREDENTIAL_ENV.keyFile) ? { keyFile: get(NATS_CREDENTIAL_ENV.keyFile) } : {}),
  }
  const found = {
    ...(get(NATS_CREDENTIAL_ENV.user) ? { user: get(NATS_CREDENTIAL_ENV.user) } : {}),
    ...(get(NATS_CREDENTIAL_ENV.password) ? { password: get(NATS_CREDENTIAL_ENV.password) } : {}),
    ...(get(NATS_CREDENTIAL_ENV.nkeyFile) ? { nkeyFile: get(NATS_CREDENTIAL_ENV.nkeyFile) } : {}),
    ...(get(NATS_CREDENTIAL_ENV.credsFile) ? { credsFile: get(NATS_CREDENTIAL_ENV.credsFile) } : {}),
    ...(Object.keys(tls).length > 0 ? { tls } : {}),
  }
  return Object.keys(found).length > 0 ? (found as NatsCredentials) : undefined
}

/** What is configured, without any secret: "nkey /path/cp.nk, TLS (CA /path/ca.pem)". */
export function describeNatsCredentials(credentials: NatsCredentials | undefined): string {
  if (!credentials) return 'no credentials'
  const who = credentials.nkeyFile
    ? `nkey ${credentials.nkeyFile}`
    : credentials.credsFile
      ? `creds ${credentials.credsFile}`
      : credentials.user
        ? `user ${credentials.user}`
        : 'no credentials'
  const tls = credentials.tls
    ? `, TLS${credentials.tls.caFile ? ` (CA ${credentials.tls.caFile})` : ''}${credentials.tls.certFile ? `, client certificate ${credentials.tls.certFile}` : ''}`
    : ''
  return `${who}${tls}`
}
