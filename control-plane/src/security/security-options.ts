import { z } from 'zod'
import { GrpcTls } from './grpc-tls.js'
import { DEFAULT_VIEWER_REDACT } from './viewer-redaction.js'

/** Audit records are kept this long by default: 90 days. */
export const DEFAULT_AUDIT_MAX_AGE_MS = 90 * 24 * 60 * 60_000
/** ...and at most this much: 256 MiB. */
export const DEFAULT_AUDIT_MAX_BYTES = 256 * 1024 * 1024

/**
 * The `security` option of `startControlPlane`. The programmatic default is
 * NO authentication (every caller is an anonymous admin), so embedding the
 * control plane in a test or a script needs nothing; the `control-plane`
 * command turns tokens ON unless started with `--insecure-no-auth`.
 * Auditing and the server-side limits apply either way.
 */
export const SecurityOptions = z
  .object({
    /**
     * `tokens`: every gRPC call and HTTP request needs `authorization: Bearer <token>`;
     * `none`: every caller is an anonymous admin (bind to loopback only).
     * @default 'none' (the `control-plane` command: 'tokens')
     */
    auth: z.enum(['none', 'tokens']).default('none'),
    /**
     * Folder of the generated secrets: the embedded nats-server's config and
     * credentials, the first admin token. Mode 0700, files 0600.
     * @default '<dataDir>/security'
     */
    dir: z.string().min(1).optional(),
    /**
     * With `auth: 'tokens'`, when no token exists yet: create an admin token
     * named "admin" and write it to `<dir>/admin.token` (0600).
     * @default true
     */
    bootstrapAdmin: z.boolean().default(true),
    /**
     * Attribute names replaced by "[Redacted]" (at any depth, any case) in the
     * records of tails, dumps and incidents shown to viewers.
     * @default ['user', 'email', 'card', 'password', 'token', 'authorization', 'cookie', 'ip']
     */
    viewerRedact: z
      .array(z.string().min(1).max(100))
      .max(100)
      .default(() => [...DEFAULT_VIEWER_REDACT]),
    /**
     * The embedded nats-server (no `nats` option): `secured` runs it with
     * generated nkey identities for the control plane and the SDKs (see
     * `ControlPlane.security.sdkEnvFile`); `open` runs it without authorization.
     * @default 'secured'
     */
    embeddedNats: z.enum(['secured', 'open']).default('secured'),
    /**
     * TLS for the gRPC server (bearer tokens must not cross an untrusted
     * network in clear); with `caFile` and `requireClientCert`, mutual TLS.
     * @default none (plaintext: bind to loopback or a private network)
     */
    grpcTls: GrpcTls.optional(),
    /**
     * The audit stream's limits.
     * @default { maxAgeMs: 90 days, maxBytes: 256 MiB }
     */
    audit: z
      .object({
        /** @default 7776000000 (90 days) */
        maxAgeMs: z.number().int().min(60_000).default(DEFAULT_AUDIT_MAX_AGE_MS),
        /** @default 268435456 (256 MiB) */
        maxBytes: z.number().int().min(1_048_576).default(DEFAULT_AUDIT_MAX_BYTES),
      })
      .prefault({}),
  })
  .prefault({})
export type SecurityOptions = z.input<typeof SecurityOptions>
/** The `security` option after defaults. */
export type SecuritySettings = z.output<typeof SecurityOptions>
