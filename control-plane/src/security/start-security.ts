import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AuditLog } from '../audit/audit-log.js'
import type { NatsLink } from '../nats/index.js'
import { writeSecret } from './nats-identities.js'
import { TOKENS_BUCKET } from './nats-permissions.js'
import { Security } from './security.js'
import type { SecuritySettings } from './security-options.js'
import { TokenStore } from './token-store.js'

/** Name of the first admin token, made when no token exists. */
export const BOOTSTRAP_TOKEN_NAME = 'admin'
/** File (in the security folder) the first admin token is written to. */
export const ADMIN_TOKEN_FILE = 'admin.token'

/** Where the first admin token is, as the control plane reports it (never the token). */
export interface AdminTokenReport {
  readonly file: string
  /** True when this start made it. */
  readonly created: boolean
  /** False when the file's token no longer works (revoked or expired): use another admin token. */
  readonly valid: boolean
}

/** The started security layer. */
export interface StartedSecurity {
  readonly security: Security
  /** Undefined without authentication, or when no admin token file is here. */
  readonly adminToken: AdminTokenReport | undefined
}

/**
 * Opens the audit stream and, with `auth: 'tokens'`, the tokens bucket; on
 * the first start (no token that still works) makes the admin token and
 * writes it to `<dir>/admin.token` (mode 0600).
 */
export async function startSecurity(options: {
  link: NatsLink
  settings: SecuritySettings
  /** The security folder (`<dataDir>/security` unless set). */
  dir: string
  replicas: number
  warn: (message: string) => void
}): Promise<StartedSecurity> {
  const { link, settings, warn } = options
  const audit = await AuditLog.open(link, { ...settings.audit, replicas: options.replicas }, warn)
  if (settings.auth === 'none') {
    return {
      security: new Security({ auth: 'none', audit, viewerRedact: settings.viewerRedact }),
      adminToken: undefined,
    }
  }
  const kv = await link.openKv(TOKENS_BUCKET, { history: 5, replicas: options.replicas, warn })
  const tokens = new TokenStore({ kv, warn })
  await tokens.start()
  const security = new Security({ auth: 'tokens', audit, tokens, viewerRedact: settings.viewerRedact })
  try {
    const file = join(options.dir, ADMIN_TOKEN_FILE)
    if (settings.bootstrapAdmin && !tokens.hasLiveTokens()) {
      // With an external NATS nothing else made the folder yet.
      await mkdir(options.dir, { recursive: true, mode: 0o700 })
      const { secret } = await tokens.create(
        { name: BOOTSTRAP_TOKEN_NAME, role: 'admin', services: [], reason: 'first start' },
        'control-plane',
      )
      await writeSecret(file, `${secret}\n`)
      return { security, adminToken: { file, created: true, valid: true } }
    }
    const kept = (await readFile(file, 'utf8').catch(() => '')).trim()
    if (!kept) return { security, adminToken: undefined }
    const valid = (await tokens.authenticate(kept)) !== undefined
    return { security, adminToken: { file, created: false, valid } }
  } catch (err) {
    security.close()
    throw err
  }
}
