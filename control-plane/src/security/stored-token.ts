import { protoRoot, type StoredTokenInput, type StoredTokenMessage, type TokenInfoMessage } from '@prodbench/proto'
import { z } from 'zod'
import { Role, ServiceGlob } from './roles.js'

/** A token's name: letters, digits, `.`, `_`, `-` (a KV key, and the audit log's "who"). */
export const TokenName = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'may only contain letters, digits, ".", "_" and "-", starting with a letter or digit',
  )

/** A token as stored (key = name), validated whenever it is read back. */
export const StoredToken = z.object({
  name: TokenName,
  role: Role,
  services: z.array(ServiceGlob).max(100),
  createdAt: z.number().int().nonnegative(),
  createdBy: z.string().max(200),
  /** Unix ms; 0: never. */
  expiresAt: z.number().int().nonnegative(),
  reason: z.string().max(1_000),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a hex SHA-256'),
})
export type StoredToken = z.infer<typeof StoredToken>

const type = protoRoot.lookupType('prodbench.v1.StoredToken')
const CONVERSION = { longs: Number, enums: String, defaults: false, oneofs: true } as const

/** The bucket value of a token; an empty value marks a revoked one. */
export function encodeStoredToken(token: StoredToken): Uint8Array {
  const { sha256, ...info } = token
  const message: StoredTokenInput = { info, sha256 }
  return type.encode(type.fromObject(message as Record<string, unknown>)).finish()
}

/**
 * A bucket value back into a token; undefined for a revoked (empty) value.
 * @throws {Error} when the bytes or the fields are not a token's
 */
export function decodeStoredToken(bytes: Uint8Array): StoredToken | undefined {
  if (bytes.length === 0) return undefined
  const message = type.toObject(type.decode(bytes), CONVERSION) as StoredTokenMessage
  const info = message.info ?? {}
  return StoredToken.parse({
    name: info.name,
    role: info.role,
    services: info.services ?? [],
    createdAt: info.createdAt ?? 0,
    createdBy: info.createdBy ?? '',
    expiresAt: info.expiresAt ?? 0,
    reason: info.reason ?? '',
    sha256: message.sha256,
  })
}

/** What the API shows of a token: everything but the hash. */
export function tokenInfo(token: StoredToken): TokenInfoMessage {
  const { sha256: _hidden, ...info } = token
  return { ...info, services: [...info.services] }
}
