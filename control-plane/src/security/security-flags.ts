import type { ParseArgsConfig } from 'node:util'
import { parseDuration } from '@prodbench/sdk/core'
import type { ControlPlane } from '../control-plane.js'
import type { ControlPlaneOptions } from '../options.js'
import { type NatsCredentials, natsCredentialsFromEnv } from './nats-credentials.js'

/**
 * The `control-plane` command's security flags: parseArgs options, help
 * lines, the options they become, and the lines printed at start (where the
 * secrets are, never a secret). The command is secure by default: tokens are
 * required unless `--insecure-no-auth` is given.
 */

type Options = NonNullable<ParseArgsConfig['options']>

/** parseArgs options of the security flags. */
export const SECURITY_FLAG_OPTIONS = {
  'insecure-no-auth': { type: 'boolean' },
  'max-debug-ttl': { type: 'string' },
  'viewer-redact': { type: 'string' },
  'audit-max-age': { type: 'string' },
  'nats-user': { type: 'string' },
  'nats-nkey': { type: 'string' },
  'nats-creds': { type: 'string' },
  'nats-ca': { type: 'string' },
  'nats-cert': { type: 'string' },
  'nats-key': { type: 'string' },
  'grpc-tls-cert': { type: 'string' },
  'grpc-tls-key': { type: 'string' },
  'grpc-tls-ca': { type: 'string' },
  'grpc-tls-verify': { type: 'boolean' },
} satisfies Options

/** What parseArgs gives for those flags. */
export interface SecurityFlagValues {
  'insecure-no-auth'?: boolean
  'max-debug-ttl'?: string
  'viewer-redact'?: string
  'audit-max-age'?: string
  'nats-user'?: string
  'nats-nkey'?: string
  'nats-creds'?: string
  'nats-ca'?: string
  'nats-cert'?: string
  'nats-key'?: string
  'grpc-tls-cert'?: string
  'grpc-tls-key'?: string
  'grpc-tls-ca'?: string
  'grpc-tls-verify'?: boolean
}

/** Help lines of the flags. */
export const SECURITY_FLAGS_USAGE = `Security (docs/security.md):
  --insecure-no-auth  serve gRPC and HTTP without tokens: every caller is an admin.
                    Default: every call needs "authorization: Bearer <token>"; the first
                    start writes an admin token to DIR/security/admin.token (mode 0600)
  --max-debug-ttl DURATION  longest debug/trace level rule; one without TTL gets it
                                                         (env PRODBENCH_MAX_DEBUG_TTL; default 1h)
  --viewer-redact NAMES  attributes redacted in records shown to viewers, comma-separated
                    (env PRODBENCH_VIEWER_REDACT; default user,email,card,password,token,
                    authorization,cookie,ip)
  --audit-max-age DURATION  audit records kept this long  (default 90d)
  --nats-user NAME  NATS user (password from PRODBENCH_NATS_PASSWORD)   (env PRODBENCH_NATS_USER)
  --nats-nkey FILE  NATS nkey seed file                  (env PRODBENCH_NATS_NKEY)
  --nats-creds FILE  NATS .creds file (operator mode)    (env PRODBENCH_NATS_CREDS)
  --nats-ca FILE, --nats-cert FILE, --nats-key FILE  NATS TLS: CA, client certificate and key
                                                         (env PRODBENCH_NATS_CA, _CERT, _KEY)
  --grpc-tls-cert FILE, --grpc-tls-key FILE  serve gRPC over TLS (ctl: PRODBENCH_TLS_CA)
  --grpc-tls-ca FILE, --grpc-tls-verify  also require client certificates signed by FILE
  Without --nats the embedded nats-server runs with generated nkey identities for the
  control plane and the SDKs; services get theirs from DIR/security/sdk.env.`

/**
 * The options the flags (or their environment variables) give.
 * @returns the options, or the problem as a message
 */
export function securityOptionsFrom(
  values: SecurityFlagValues,
  env: NodeJS.ProcessEnv,
): Partial<ControlPlaneOptions> | string {
  const options: Partial<ControlPlaneOptions> = {}
  const viewerRedact = values['viewer-redact'] ?? (env.PRODBENCH_VIEWER_REDACT || undefined)
  const names = viewerRedact
    ?.split(',')
    .map((name) => name.trim())
    .filter(Boolean)
  const auditAge = values['audit-max-age']
  const auditMaxAgeMs = auditAge === undefined ? undefined : parseDuration(auditAge)
  if (auditAge !== undefined && !auditMaxAgeMs) return `--audit-max-age: "${auditAge}" is not a duration (e.g. 30d)`
  const cert = values['grpc-tls-cert']
  const key = values['grpc-tls-key']
  if ((cert === undefined) !== (key === undefined)) return '--grpc-tls-cert and --grpc-tls-key go together'
  if ((values['grpc-tls-ca'] || values['grpc-tls-verify']) && !cert) {
    return '--grpc-tls-ca and --grpc-tls-verify need --grpc-tls-cert and --grpc-tls-key'
  }
  if (values['grpc-tls-verify'] && !values['grpc-tls-ca']) return '--grpc-tls-verify needs --grpc-tls-ca'
  const grpcTls =
    cert && key
      ? {
          certFile: cert,
          keyFile: key,
          ...(values['grpc-tls-ca'] ? { caFile: values['grpc-tls-ca'] } : {}),
          requireClientCert: values['grpc-tls-verify'] === true,
        }
      : undefined
  options.security = {
    auth: values['insecure-no-auth'] ? 'none' : 'tokens',
    ...(grpcTls ? { grpcTls } : {}),
    ...(names ? { viewerRedact: names } : {}),
    ...(auditMaxAgeMs ? { audit: { maxAgeMs: auditMaxAgeMs } } : {}),
  }
  const debugTtl = values['max-debug-ttl'] ?? (env.PRODBENCH_MAX_DEBUG_TTL || undefined)
  if (debugTtl !== undefined) {
    const ms = parseDuration(debugTtl)
    if (!ms) return `--max-debug-ttl: "${debugTtl}" is not a duration (e.g. 30m, 1h)`
    options.maxDebugTtlMs = ms
  }
  const fromEnv = natsCredentialsFromEnv(env) ?? {}
  const tls = {
    ...fromEnv.tls,
    ...(values['nats-ca'] ? { caFile: values['nats-ca'] } : {}),
    ...(values['nats-cert'] ? { certFile: values['nats-cert'] } : {}),
    ...(values['nats-key'] ? { keyFile: values['nats-key'] } : {}),
  }
  // A flag for one way of authenticating replaces whatever the environment said.
  const flagged: NatsCredentials | undefined = values['nats-nkey']
    ? { nkeyFile: values['nats-nkey'] }
    : values['nats-creds']
      ? { credsFile: values['nats-creds'] }
      : values['nats-user']
        ? { user: values['nats-user'], password: env.PRODBENCH_NATS_PASSWORD ?? '' }
        : undefined
  const { tls: _envTls, ...envAuth } = fromEnv
  const credentials = { ...(flagged ?? envAuth), ...(Object.keys(tls).length > 0 ? { tls } : {}) }
  if (Object.keys(credentials).length > 0) options.natsCredentials = credentials
  return options
}

/** What the command prints about security at start: modes and file paths, never a secret. */
export function securityLines(cp: ControlPlane): string[] {
  const s = cp.security
  const lines: string[] = []
  if (s.auth === 'none') {
    lines.push('auth: OFF (--insecure-no-auth): every gRPC and HTTP caller is an admin; bind to loopback only')
  } else if (s.adminToken) {
    const state = s.adminToken.created ? 'created now' : s.adminToken.valid ? 'kept' : 'REVOKED or expired'
    lines.push(`auth: tokens required; admin token (${state}) in ${s.adminToken.file} (mode 0600)`)
  } else {
    lines.push('auth: tokens required (ctl token create; no admin token file in this data folder)')
  }
  if (s.grpcTls !== 'off')
    lines.push(`gRPC: ${s.grpcTls === 'mtls' ? 'mutual TLS (client certificates required)' : 'TLS'}`)
  if (s.sdkEnvFile)
    lines.push(`NATS: secured (nkeys); SDK credentials in ${s.sdkEnvFile}, server config ${s.natsConfigFile}`)
  else lines.push(`NATS: control plane connects with ${s.natsCredentials}`)
  return lines
}

/** The "Next:" commands for running a service and ctl, with the credentials where they are. */
export function nextSteps(cp: ControlPlane): string[] {
  const s = cp.security
  const service = s.sdkEnvFile
    ? `  (set -a; . ${s.sdkEnvFile}; node --import tsx examples/checkout/main.ts)`
    : `  NATS_URL=${cp.natsUrl} node --import tsx examples/checkout/main.ts`
  const token = s.auth === 'tokens' && s.adminToken ? [`  export PRODBENCH_TOKEN="$(cat ${s.adminToken.file})"`] : []
  return [
    '  # run a service with the SDK',
    service,
    '  # see it, and change its level',
    ...token,
    `  npx ctl --server ${cp.grpcAddress} ls`,
    `  npx ctl --server ${cp.grpcAddress} set-level svc=checkout debug --ttl 15m`,
  ]
}
