/**
 * ctl's side of the token and audit RPCs (CreateToken, ListTokens,
 * RevokeToken, ListAudit): the same metadata, deadline and error mapping as
 * client.ts, for the commands in token.ts and audit.ts.
 */
import { credentials, Metadata, type ServiceError } from '@grpc/grpc-js'
import {
  type CreateTokenResponse,
  grpcPackage,
  type ListAuditResponse,
  type ListTokensResponse,
  type TokenInfoMessage,
} from '@prodbench/proto'
import {
  AUTHOR_METADATA_KEY,
  AUTHORIZATION_METADATA_KEY,
  type ConnectOptions,
  READ_DEADLINE_MS,
  toCtlError,
} from '../client.js'

/** The token and audit calls; every method rejects with a CtlError. */
export interface SecurityApi {
  createToken(request: {
    name: string
    role: string
    services: string[]
    ttlMs?: number
    reason?: string
  }): Promise<CreateTokenResponse>
  listTokens(): Promise<ListTokensResponse>
  revokeToken(request: { name: string; reason?: string }): Promise<TokenInfoMessage>
  listAudit(request: { service?: string; since?: number; limit?: number }): Promise<ListAuditResponse>
  /** Closes the channel. Idempotent. */
  close(): void
}

/** A client of the token and audit RPCs at `options.server`. */
export function connectSecurityApi(options: ConnectOptions): SecurityApi {
  const client = new grpcPackage.prodbench.v1.ControlPlane(
    options.server,
    options.channelCredentials ?? credentials.createInsecure(),
  )
  let closed = false
  const call = <T>(
    start: (metadata: Metadata, deadline: Date, done: (e: ServiceError | null, v?: T) => void) => void,
  ) =>
    new Promise<T>((resolve, reject) => {
      const metadata = new Metadata()
      metadata.set(AUTHOR_METADATA_KEY, options.author)
      if (options.token) metadata.set(AUTHORIZATION_METADATA_KEY, `Bearer ${options.token}`)
      start(metadata, new Date(Date.now() + READ_DEADLINE_MS), (error, value) => {
        if (error) {
          reject(toCtlError(error, options.server, READ_DEADLINE_MS, client.getChannel().getConnectivityState(false)))
        } else resolve(value as T)
      })
    })
  return {
    createToken: (request) =>
      call<CreateTokenResponse>((md, deadline, done) => client.CreateToken(request, md, { deadline }, done)),
    listTokens: () => call<ListTokensResponse>((md, deadline, done) => client.ListTokens({}, md, { deadline }, done)),
    revokeToken: (request) =>
      call<TokenInfoMessage>((md, deadline, done) => client.RevokeToken(request, md, { deadline }, done)),
    listAudit: (request) =>
      call<ListAuditResponse>((md, deadline, done) => client.ListAudit(request, md, { deadline }, done)),
    close() {
      if (closed) return
      closed = true
      client.close()
    },
  }
}
