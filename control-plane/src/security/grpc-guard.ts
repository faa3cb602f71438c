import type {
  Metadata,
  ServerErrorResponse,
  ServerUnaryCall,
  ServerWritableStream,
  StatusObject,
  sendUnaryData,
} from '@grpc/grpc-js'
import { type ControlPlaneHandlers, grpcPackage } from '@prodbench/proto'
import type { AuditEntry } from '../audit/audit-record.js'
import { summarizeRequest } from '../audit/audit-record.js'
import { type ProdbenchError, toProdbenchError } from '../errors.js'
import { AUTHOR_METADATA_KEY, CODE_METADATA_KEY, toServiceError } from '../grpc/grpc-server.js'
import { authorize } from './authorize.js'
import { principalOf, setCallPrincipal } from './call-principal.js'
import type { Principal } from './principal.js'
import { shapeResponse } from './response-shaping.js'
import { needOf, type RpcPermission, reasonOf, rpcPermission } from './rpc-permissions.js'
import type { Security } from './security.js'

/** Metadata key of the bearer token (`authorization: Bearer <token>`). */
export const AUTHORIZATION_METADATA_KEY = 'authorization'

type AnyUnary = (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => void
type AnyStream = (call: ServerWritableStream<unknown, unknown>) => void

/**
 * Wraps every handler: authenticate the call from its metadata, authorize
 * it with THE table (rpc-permissions.ts), record the author as the token's
 * name, audit changes (accepted and refused) and shape what viewers and
 * scoped tokens get back (lists filtered, records redacted). A call that
 * fails here never reaches the handler: UNAUTHENTICATED or
 * PERMISSION_DENIED with the PB_ code in the trailers, like any failure.
 */
export function guardHandlers(handlers: ControlPlaneHandlers, security: Security): ControlPlaneHandlers {
  const definition = grpcPackage.prodbench.v1.ControlPlane.service as unknown as Record<
    string,
    { responseStream: boolean }
  >
  const guarded: Record<string, unknown> = {}
  for (const [method, handler] of Object.entries(handlers)) {
    guarded[method] = definition[method]?.responseStream
      ? guardStream(method, handler as AnyStream, security)
      : guardUnary(method, handler as AnyUnary, security)
  }
  return guarded as unknown as ControlPlaneHandlers
}

interface Admission {
  readonly principal: Principal
  readonly permission: RpcPermission
}

async function admit(
  method: string,
  call: { metadata: Metadata; request: unknown },
  security: Security,
  hint: string,
): Promise<Admission> {
  const principal = await security.authenticate(metadataValue(call.metadata, AUTHORIZATION_METADATA_KEY))
  // Known before it is authorized, so a denial is audited with who was denied.
  setCallPrincipal(call.metadata, principal)
  const permission = rpcPermission(method)
  authorize(principal, needOf(permission, call.request))
  call.metadata.set(AUTHOR_METADATA_KEY, security.authorFor(principal, hint))
  return { principal, permission }
}

function guardUnary(method: string, handler: AnyUnary, security: Security): AnyUnary {
  return (call, callback) => {
    const hint = metadataValue(call.metadata, AUTHOR_METADATA_KEY)
    const audit = (principal: Principal | undefined, result: string, message?: string) =>
      security.audit.record(auditEntry(method, call, principal, hint, result, message))
    admit(method, call, security, hint).then(
      ({ principal, permission }) => {
        handler(call, (error, value) => {
          const shaped = error || value === undefined ? value : shapeResponse(permission, principal, value, security)
          if (!permission.audited) return callback(error, shaped)
          const { code, message } = outcomeOf(error)
          void audit(principal, code, message).then(() => callback(error, shaped))
        })
      },
      (err: unknown) => {
        const error = toProdbenchError(err)
        const reply = () => callback(toServiceError(error))
        if (!rpcPermission(method).audited) return reply()
        void audit(principalFrom(error, call.metadata), error.code, error.message).then(reply)
      },
    )
  }
}

function guardStream(method: string, handler: AnyStream, security: Security): AnyStream {
  return (call) => {
    const hint = metadataValue(call.metadata, AUTHOR_METADATA_KEY)
    const permission = rpcPermission(method)
    let recorded = false
    const audit = (principal: Principal | undefined, result: string, message?: string) => {
      if (!permission.audited || recorded) return Promise.resolve()
      recorded = true
      return security.audit.record(auditEntry(method, call, principal, hint, result, message))
    }
    admit(method, call, security, hint).then(
      ({ principal }) => {
        // The first message means the stream opened (a tail's id); an error before or after ends it.
        const write = call.write.bind(call) as (message: unknown, ...rest: unknown[]) => boolean
        const emit = call.emit.bind(call) as (event: string | symbol, ...args: unknown[]) => boolean
        Object.assign(call, {
          write: (message: unknown, ...rest: unknown[]) => {
            void audit(principal, 'ok')
            return write(shapeResponse(permission, principal, message, security), ...rest)
          },
          emit: (event: string | symbol, ...args: unknown[]) => {
            if (event === 'error') {
              const { code, message } = outcomeOf(args[0] as ServerErrorResponse)
              void audit(principal, code, message)
            }
            return emit(event, ...args)
          },
        })
        handler(call)
      },
      (err: unknown) => {
        const error = toProdbenchError(err)
        void audit(principalFrom(error, call.metadata), error.code, error.message).then(() => {
          if (!call.cancelled) call.emit('error', toServiceError(error))
        })
      },
    )
  }
}

function auditEntry(
  method: string,
  call: { metadata: Metadata; request: unknown; getPeer(): string },
  principal: Principal | undefined,
  hint: string,
  result: string,
  message?: string,
): AuditEntry {
  return {
    at: Date.now(),
    who: principal?.name ?? '(unauthenticated)',
    role: principal?.role ?? '',
    authorHint: hint,
    peer: safePeer(call),
    transport: 'grpc',
    method,
    service: needOf(rpcPermission(method), call.request).service,
    request: summarizeRequest(call.request),
    reason: reasonOf(call.request),
    result,
    message,
  }
}

/** "ok", or the PB_ code (from the trailers) and message of a failed call. */
function outcomeOf(error: Partial<ServerErrorResponse> | Partial<StatusObject> | null | undefined): {
  code: string
  message?: string
} {
  if (!error) return { code: 'ok' }
  const code = error.metadata?.get(CODE_METADATA_KEY)[0]
  return {
    code: typeof code === 'string' ? code : 'PB_INTERNAL',
    message: error.details ?? (error as { message?: string }).message,
  }
}

/** A denied caller is known (its token was valid); an unauthenticated one is not. */
function principalFrom(error: ProdbenchError, metadata: Metadata): Principal | undefined {
  return error.code === 'PB_UNAUTHENTICATED' ? undefined : principalOf(metadata)
}

function metadataValue(metadata: Metadata, key: string): string {
  const value = metadata.get(key)[0]
  return typeof value === 'string' ? value : ''
}

function safePeer(call: { getPeer(): string }): string {
  try {
    return call.getPeer()
  } catch {
    return 'unknown'
  }
}
