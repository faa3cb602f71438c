import type { AuditLog } from '../audit/audit-log.js'
import { UnauthenticatedError } from '../errors.js'
import { ANONYMOUS, type Principal } from './principal.js'
import { bearerToken } from './token-secret.js'
import type { TokenStore } from './token-store.js'
import { createRedactor, type RecordRedactor } from './viewer-redaction.js'

/** Longest author kept (as the gRPC server). */
const MAX_AUTHOR_LENGTH = 200

/**
 * The security layer both transports plug into: ONE function authenticates
 * a request from its `authorization` value, the audit log records changes,
 * and viewers get the extra redaction. Authorization is `authorize()` with
 * the RPC table (rpc-permissions.ts).
 */
export class Security {
  readonly auth: 'none' | 'tokens'
  readonly audit: AuditLog
  /** The tokens; undefined when authentication is off. */
  readonly tokens: TokenStore | undefined
  readonly viewerRedact: readonly string[]
  readonly #redactor: RecordRedactor

  constructor(options: {
    auth: 'none' | 'tokens'
    audit: AuditLog
    tokens?: TokenStore | undefined
    viewerRedact: readonly string[]
  }) {
    this.auth = options.auth
    this.audit = options.audit
    this.tokens = options.tokens
    this.viewerRedact = Object.freeze([...options.viewerRedact])
    this.#redactor = createRedactor(this.viewerRedact)
  }

  /**
   * Who is calling, from the request's `authorization` value (gRPC metadata
   * or HTTP header). Without authentication: the anonymous admin.
   * @throws {UnauthenticatedError} when the token is missing, unknown, revoked or expired
   */
  async authenticate(authorization: string | undefined): Promise<Principal> {
    if (this.auth === 'none' || !this.tokens) return ANONYMOUS
    const token = bearerToken(authorization)
    if (token === undefined) {
      throw new UnauthenticatedError(
        'no credentials: send "authorization: Bearer <token>" (ctl reads PRODBENCH_TOKEN or the context\'s token)',
      )
    }
    const principal = await this.tokens.authenticate(token)
    if (!principal) throw new UnauthenticatedError('the bearer token is not valid (unknown, revoked or expired)')
    return principal
  }

  /** The extra redaction for `principal`'s view of log records: viewers only. */
  redactorFor(principal: Principal): RecordRedactor | undefined {
    return principal.role === 'viewer' ? this.#redactor : undefined
  }

  /**
   * The author recorded on a change: the token's name, with the client's
   * own claim (`x-prodbench-author`, unverified) in parentheses; without
   * authentication the claim alone, as before.
   */
  authorFor(principal: Principal, hint: string | undefined): string {
    const claim = hint?.trim() ?? ''
    const author = !principal.authenticated
      ? claim || principal.name
      : claim && claim !== principal.name
        ? `${principal.name} (${claim})`
        : principal.name
    return author.slice(0, MAX_AUTHOR_LENGTH)
  }

  /** Stops following the tokens bucket. Idempotent. */
  close(): void {
    this.tokens?.close()
  }
}
