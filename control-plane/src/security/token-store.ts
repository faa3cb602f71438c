import { errorMessage, NotFoundError, TokenExistsError } from '../errors.js'
import type { KvBucket } from '../nats/index.js'
import type { Principal } from './principal.js'
import type { Role } from './roles.js'
import { decodeStoredToken, encodeStoredToken, type StoredToken, tokenInfo } from './stored-token.js'
import { generateToken, hashToken, isTokenShaped } from './token-secret.js'

/** What a new token is. */
export interface NewToken {
  readonly name: string
  readonly role: Role
  readonly services: readonly string[]
  /** 0 or absent: never expires. */
  readonly ttlMs?: number | undefined
  readonly reason?: string | undefined
}

/** Shortest pause between two re-reads of the bucket caused by unknown tokens (a flood of bad tokens costs one read a second). */
const REFRESH_EVERY_MS = 1_000

/**
 * The API tokens, in the KV bucket `prodbench_tokens` (key: name; value: the
 * token's role, scope and SHA-256, never the token), so every replica of the
 * control plane knows every token and a revocation reaches them all within
 * a KV watch. Authentication reads a local cache kept by that watch; an
 * unknown token re-reads the bucket (at most once a second) so a token made
 * on another replica a moment ago works at once.
 */
export class TokenStore {
  readonly #kv: KvBucket
  readonly #now: () => number
  readonly #warn: (message: string) => void
  readonly #byName = new Map<string, StoredToken>()
  readonly #byHash = new Map<string, StoredToken>()
  #stopWatch: (() => void) | undefined
  #lastRefresh = 0
  #refreshing: Promise<void> | undefined
  #closed = false

  constructor(options: { kv: KvBucket; now?: () => number; warn: (message: string) => void }) {
    this.#kv = options.kv
    this.#now = options.now ?? Date.now
    this.#warn = options.warn
  }

  /** Reads every token, then follows the bucket. */
  async start(): Promise<void> {
    await this.#refresh()
    this.#watch()
  }

  /** The principal of a bearer token, or undefined when it is unknown, revoked or expired. */
  async authenticate(token: string): Promise<Principal | undefined> {
    if (!isTokenShaped(token)) return undefined
    const hash = hashToken(token)
    let found = this.#byHash.get(hash)
    if (!found && this.#now() - this.#lastRefresh >= REFRESH_EVERY_MS) {
      await this.#refresh().catch((err) => this.#warn(`tokens: re-read failed: ${errorMessage(err)}`))
      found = this.#byHash.get(hash)
    }
    if (!found || this.#expired(found)) return undefined
    return Object.freeze({ name: found.name, role: found.role, services: found.services, authenticated: true })
  }

  /**
   * Makes a token; returns it (the only time it is seen) and what is stored.
   * @throws {TokenExistsError} when a live token has the name
   */
  async create(spec: NewToken, createdBy: string): Promise<{ token: StoredToken; secret: string }> {
    const current = await this.#kv.get(spec.name)
    const existing = current?.value ? this.#decode(spec.name, current.value) : undefined
    if (existing && !this.#expired(existing)) throw new TokenExistsError(spec.name)
    const secret = generateToken()
    const now = this.#now()
    const token: StoredToken = {
      name: spec.name,
      role: spec.role,
      services: [...spec.services],
      createdAt: now,
      createdBy,
      expiresAt: spec.ttlMs ? now + spec.ttlMs : 0,
      reason: spec.reason ?? '',
      sha256: hashToken(secret),
    }
    // Compare-and-set: two admins creating one name at once cannot both win.
    await this.#kv.write(spec.name, encodeStoredToken(token), current?.revision ?? 0).catch((err) => {
      if ((err as { code?: string }).code === 'PB_CONFLICT') throw new TokenExistsError(spec.name)
      throw err
    })
    this.#remember(spec.name, token)
    return { token, secret }
  }

  /** Every live token (expired ones too, marked by their expiresAt), by name. */
  list(): StoredToken[] {
    return [...this.#byName.values()].sort((a, b) => a.name.localeCompare(b.name))
  }

  /** Every token as the API shows it. */
  infos() {
    return this.list().map(tokenInfo)
  }

  /**
   * Revokes a token: its value becomes empty (the name can be used again). Returns what it was.
   * @throws {NotFoundError} when no live token has the name
   */
  async revoke(name: string): Promise<StoredToken> {
    const current = await this.#kv.get(name)
    const token = current?.value ? this.#decode(name, current.value) : undefined
    if (!current || !token) throw new NotFoundError(`no token "${name}" (see ctl token ls)`)
    await this.#kv.write(name, new Uint8Array(), current.revision)
    this.#remember(name, undefined)
    return token
  }

  /** Whether any token that still works exists (the first start makes an admin one when none does). */
  hasLiveTokens(): boolean {
    return this.list().some((token) => !this.#expired(token))
  }

  /** Stops following the bucket. Idempotent. */
  close(): void {
    this.#closed = true
    this.#stopWatch?.()
    this.#stopWatch = undefined
  }

  #expired(token: StoredToken): boolean {
    return token.expiresAt > 0 && token.expiresAt <= this.#now()
  }

  #refresh(): Promise<void> {
    this.#refreshing ??= (async () => {
      this.#lastRefresh = this.#now()
      const names = await this.#kv.keys()
      const seen = new Set<string>()
      for (const name of names) {
        const entry = await this.#kv.get(name)
        seen.add(name)
        this.#remember(name, entry?.value ? this.#decode(name, entry.value) : undefined)
      }
      for (const name of [...this.#byName.keys()]) if (!seen.has(name)) this.#remember(name, undefined)
    })().finally(() => {
      this.#refreshing = undefined
    })
    return this.#refreshing
  }

  #watch(): void {
    if (this.#closed) return
    this.#kv
      .watch(
        (name, entry) => this.#remember(name, entry.value?.length ? this.#decode(name, entry.value) : undefined),
        (err) => {
          this.#stopWatch = undefined
          if (this.#closed) return
          if (err) this.#warn(`tokens: watch ended: ${errorMessage(err)}; watching again`)
          setTimeout(() => this.#watch(), 1_000).unref()
        },
      )
      .then(
        (stop) => {
          if (this.#closed) stop()
          else this.#stopWatch = stop
        },
        (err: unknown) => {
          if (this.#closed) return
          this.#warn(`tokens: cannot watch the bucket: ${errorMessage(err)}; trying again`)
          setTimeout(() => this.#watch(), 1_000).unref()
        },
      )
  }

  #remember(name: string, token: StoredToken | undefined): void {
    const old = this.#byName.get(name)
    if (old) this.#byHash.delete(old.sha256)
    if (!token) {
      this.#byName.delete(name)
      return
    }
    this.#byName.set(name, token)
    this.#byHash.set(token.sha256, token)
  }

  #decode(name: string, bytes: Uint8Array): StoredToken | undefined {
    try {
      const token = decodeStoredToken(bytes)
      if (token && token.name !== name) throw new Error(`it names "${token.name}"`)
      return token
    } catch (err) {
      // Not written by a control plane: never a way in.
      this.#warn(`tokens: ignoring the malformed entry "${name}": ${errorMessage(err)}`)
      return undefined
    }
  }
}
