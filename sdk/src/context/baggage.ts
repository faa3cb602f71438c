import { createHmac, timingSafeEqual } from 'node:crypto'
import { isLevel, LEVEL_VALUES, type Level } from '../core/index.js'
import type { PropagatedLevel } from './request-context.js'

/**
 * A request's level decision carried to downstream services in W3C `baggage`
 * (`prodbench=<level>.<expiry base36>.<rule id>.<signature>`).
 *
 * Selection is decided by server-side rules only: a downstream SDK trusts the
 * entry only when its HMAC verifies with the fleet's propagation key, so a
 * client cannot turn debug on for itself by sending a header. Without a key,
 * nothing is propagated and nothing is trusted.
 */

/** The baggage member name. */
export const BAGGAGE_KEY = 'prodbench'

/** Longest `baggage` header the SDK writes (the W3C limit). */
const MAX_BAGGAGE = 8_192
/** Signed and verified tokens remembered, so each is hashed once. */
const CACHE_SIZE = 256

/** Signs and verifies propagated levels with one key. */
export class BaggageSigner {
  readonly #key: Buffer
  readonly #signed = new Map<string, string>()
  readonly #verified = new Map<string, PropagatedLevel | null>()

  constructor(key: string) {
    this.#key = Buffer.from(key, 'utf8')
  }

  /** The baggage value for a decision. */
  sign(level: string, expiresAt: number, ruleId: string): string {
    const body = `${level}.${expiresAt.toString(36)}.${ruleId}`
    let token = this.#signed.get(body)
    if (token === undefined) {
      token = `${body}.${this.#mac(body).toString('base64url')}`
      remember(this.#signed, body, token)
    }
    return token
  }

  /** The decision a baggage value carries, when it verifies and has not expired at `now`. */
  verify(token: string, now: number): PropagatedLevel | undefined {
    let decision = this.#verified.get(token)
    if (decision === undefined) {
      decision = this.#check(token)
      remember(this.#verified, token, decision)
    }
    return decision && decision.expiresAt > now ? decision : undefined
  }

  #check(token: string): PropagatedLevel | null {
    const parts = token.split('.')
    if (parts.length !== 4) return null
    const [level, expiry, ruleId, signature] = parts as [string, string, string, string]
    if (!isLevel(level) || level === 'silent' || !/^[A-Za-z0-9_-]{1,64}$/.test(ruleId)) return null
    const expected = this.#mac(`${level}.${expiry}.${ruleId}`)
    const given = Buffer.from(signature, 'base64url')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
    const expiresAt = Number.parseInt(expiry, 36)
    if (!Number.isFinite(expiresAt)) return null
    return { level, levelValue: LEVEL_VALUES[level as Level], ruleId, expiresAt }
  }

  #mac(body: string): Buffer {
    return createHmac('sha256', this.#key).update(body).digest().subarray(0, 16)
  }
}

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string)
  cache.set(key, value)
}

/** Our member's value in a `baggage` header, when there is one. */
export function baggageValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header.join(',') : header
  if (!value?.includes(BAGGAGE_KEY)) return undefined
  for (const member of value.split(',')) {
    const eq = member.indexOf('=')
    if (eq < 0 || member.slice(0, eq).trim() !== BAGGAGE_KEY) continue
    const raw =
      member
        .slice(eq + 1)
        .split(';')[0]
        ?.trim() ?? ''
    try {
      return decodeURIComponent(raw)
    } catch {
      return undefined
    }
  }
  return undefined
}

/** `existing` baggage with our member set to `token` (or removed when undefined). */
export function withBaggage(existing: string | undefined, token: string | undefined): string | undefined {
  const members = (existing ?? '')
    .split(',')
    .map((m) => m.trim())
    .filter((m) => m !== '' && m.split('=')[0]?.trim() !== BAGGAGE_KEY)
  if (token !== undefined) members.push(`${BAGGAGE_KEY}=${token}`)
  const header = members.join(',')
  if (header.length > MAX_BAGGAGE) return existing
  return header === '' ? undefined : header
}
