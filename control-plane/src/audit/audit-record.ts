import { type AuditRecordInput, type AuditRecordMessage, protoRoot } from '@prodbench/proto'

/** One audit entry before it is stored (the stream adds `seq`). */
export interface AuditEntry {
  readonly at: number
  /** The authenticated caller: a token name, or "anonymous" without authentication. */
  readonly who: string
  readonly role: string
  /** What the client said it is (`x-prodbench-author`): a hint, not verified. */
  readonly authorHint: string
  readonly peer: string
  readonly transport: 'grpc' | 'http'
  readonly method: string
  /** The service touched; undefined for changes of the whole control plane (tokens). */
  readonly service: string | undefined
  /** The request, summarised by {@link summarizeRequest}. */
  readonly request: string
  readonly reason: string | undefined
  /** "ok", or the PB_ code the request failed with. */
  readonly result: string
  readonly message: string | undefined
}

/** Subject root of the audit stream: `pb.v1.audit.<service>`, and `pb.v1.audit` for the rest. */
export const AUDIT_SUBJECT = 'pb.v1.audit'
/** Longest request summary kept. */
const MAX_REQUEST_CHARS = 2_000
/** Fields never stored, whatever the request: a secret in an audit log is a leak with a long life. */
const SECRET_KEY = /secret|password|passwd|token|authorization|cookie|credential/i

const type = protoRoot.lookupType('prodbench.v1.AuditRecord')
const CONVERSION = { longs: Number, enums: String, defaults: false, oneofs: true } as const

/** The subject an entry is stored on. */
export function auditSubject(service: string | undefined): string {
  return service ? `${AUDIT_SUBJECT}.${service}` : AUDIT_SUBJECT
}

/**
 * The request as bounded JSON: the reason (kept in its own field) and any
 * field that may hold a secret are left out; bytes are counted, not copied.
 */
export function summarizeRequest(request: unknown): string {
  const text = JSON.stringify(request ?? {}, (key, value: unknown) => {
    if (key === 'reason') return undefined
    if (key && SECRET_KEY.test(key)) return '[stripped]'
    if (value instanceof Uint8Array) return `<${value.length} bytes>`
    return value
  })
  return text.length > MAX_REQUEST_CHARS ? `${text.slice(0, MAX_REQUEST_CHARS)}…` : text
}

/** Protobuf bytes of an entry. */
export function encodeAuditEntry(entry: AuditEntry): Uint8Array {
  const message: AuditRecordInput = {
    at: entry.at,
    who: entry.who,
    role: entry.role,
    authorHint: entry.authorHint,
    peer: entry.peer,
    transport: entry.transport,
    method: entry.method,
    service: entry.service ?? '',
    request: entry.request,
    reason: entry.reason ?? '',
    result: entry.result,
    message: entry.message ?? '',
  }
  return type.encode(type.fromObject(message as Record<string, unknown>)).finish()
}

/** A stored entry back, with its sequence. @throws {Error} when the bytes are not an AuditRecord */
export function decodeAuditRecord(bytes: Uint8Array, seq: number): AuditRecordMessage {
  return { ...(type.toObject(type.decode(bytes), CONVERSION) as AuditRecordMessage), seq }
}
