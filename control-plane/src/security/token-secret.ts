import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * Bearer tokens: `pbt_` and 32 random bytes in base64url (256 bits: no
 * guessing, so a fast hash is the right one: SHA-256, no salt needed). The
 * control plane stores only the hash; the token is shown once, when created.
 */

/** Prefix of every token, so a leaked one is recognisable (secret scanners, logs). */
export const TOKEN_PREFIX = 'pbt_'
const TOKEN_BYTES = 32
/** `pbt_` + 43 base64url characters. */
const TOKEN_SHAPE = /^pbt_[A-Za-z0-9_-]{43}$/

/** A fresh random token. */
export function generateToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(TOKEN_BYTES).toString('base64url')}`
}

/** Whether `text` looks like a token this control plane could have made (checked before hashing). */
export function isTokenShaped(text: string): boolean {
  return TOKEN_SHAPE.test(text)
}

/** Hex SHA-256 of a token: what the tokens bucket keeps. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** Constant-time comparison of two hex hashes. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex')
  const right = Buffer.from(b, 'hex')
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right)
}

/**
 * The token of an `authorization` value: `Bearer <token>` (case-insensitive
 * scheme). Undefined when absent or another scheme.
 */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(header)
  return match?.[1]
}
