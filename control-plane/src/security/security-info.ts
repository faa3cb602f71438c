import type { AdminTokenReport } from './start-security.js'

/** What a running control plane's security layer set up: where things are, never a secret. */
export interface SecurityInfo {
  /** `tokens`: every call needs a bearer token; `none`: every caller is an anonymous admin. */
  readonly auth: 'none' | 'tokens'
  /** The folder of the generated secrets (mode 0700). */
  readonly dir: string
  /** The first admin token's file, when there is one here. */
  readonly adminToken: AdminTokenReport | undefined
  /** The embedded nats-server's config (authorization), when it runs secured. */
  readonly natsConfigFile: string | undefined
  /**
   * The SDK's env file for the embedded server (NATS_URL and
   * PRODBENCH_NATS_NKEY), when it runs secured: `set -a; . <file>` before
   * starting a service.
   */
  readonly sdkEnvFile: string | undefined
  /** How the control plane itself connects to NATS, without secrets ("nkey /path/control-plane.nk"). */
  readonly natsCredentials: string
  /** gRPC transport: plaintext, TLS, or mutual TLS. */
  readonly grpcTls: 'off' | 'tls' | 'mtls'
}
