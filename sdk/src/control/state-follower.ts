import { codecs, DecodeError } from '@prodbench/proto'
import { DesiredState, describeZodError, type EffectiveConfig, type InstanceRef, resolve } from '../core/index.js'
import { RejectedStateError } from '../errors.js'

/** How the follower took one desired-state revision. */
export type Outcome =
  | { readonly kind: 'applied'; readonly config: EffectiveConfig }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'rejected'; readonly error: RejectedStateError }

/** Counts of refused desired states, reported in acks and heartbeats. */
export interface RejectionStats {
  readonly count: number
  readonly lastReason?: string
  readonly lastAt?: number
  readonly lastRevision?: number
}

/**
 * Follows one service's desired state: decodes and validates each revision,
 * keeps the last good one, resolves it for this instance and hands the result
 * to `apply`. Refused revisions are counted and leave the last good config in
 * place. Re-resolving on a rule's expiry needs no NATS: it uses the state kept
 * here, so a rule reverts on time with the control plane and NATS gone.
 */
export class StateFollower {
  readonly #who: InstanceRef
  readonly #apply: (config: EffectiveConfig) => void
  readonly #now: () => number
  #state: DesiredState | undefined
  /** Revision `#state` came from: refused revisions after it do not move it. */
  #stateRevision = 0
  #revision = 0
  #seen = false
  #config: EffectiveConfig
  #rejections: RejectionStats = { count: 0 }
  #expiryTimer: NodeJS.Timeout | undefined
  #onExpiry: ((config: EffectiveConfig) => void) | undefined
  #closed = false

  constructor(who: InstanceRef, apply: (config: EffectiveConfig) => void, now: () => number = Date.now) {
    this.#who = who
    this.#apply = apply
    this.#now = now
    this.#config = resolve(undefined, who, now())
  }

  /** The config in force now. */
  get config(): EffectiveConfig {
    return this.#config
  }

  /** Revision of the last desired state seen (applied or refused); 0 before any. */
  get revision(): number {
    return this.#revision
  }

  /** True once a desired state (or its absence) was read from NATS. */
  get synced(): boolean {
    return this.#seen
  }

  get rejections(): RejectionStats {
    return this.#rejections
  }

  /** Called after a rule expired and the config was re-resolved. */
  set onExpiry(listener: ((config: EffectiveConfig) => void) | undefined) {
    this.#onExpiry = listener
  }

  /**
   * Takes the value of the service's KV key at `revision` (`null` when the key
   * is absent or deleted). Revisions already seen are ignored unless `force`.
   */
  offer(value: Uint8Array | null, revision: number, force = false): Outcome {
    if (this.#closed) return { kind: 'unchanged' }
    if (this.#seen && revision === this.#revision && !force) return { kind: 'unchanged' }
    this.#seen = true
    const parsed = this.#parse(value, revision)
    this.#revision = revision
    if (parsed instanceof RejectedStateError) {
      this.#rejections = {
        count: this.#rejections.count + 1,
        lastReason: parsed.message,
        lastAt: this.#now(),
        lastRevision: revision,
      }
      return { kind: 'rejected', error: parsed }
    }
    this.#state = parsed
    this.#stateRevision = revision
    return { kind: 'applied', config: this.#resolveAndApply() }
  }

  /** Stops the expiry timer; later offers are ignored. Idempotent. */
  close(): void {
    this.#closed = true
    clearTimeout(this.#expiryTimer)
  }

  #parse(value: Uint8Array | null, revision: number): DesiredState | undefined | RejectedStateError {
    if (value === null || value.length === 0) return undefined
    let message: unknown
    try {
      message = codecs.desiredState.decode(value)
    } catch (err) {
      const why = err instanceof DecodeError ? err.message : String(err)
      return new RejectedStateError(revision, `revision ${revision}: ${why}`, { cause: err })
    }
    let checked = DesiredState.safeParse(message)
    if (!checked.success) {
      // Parse again only to name the bad values: the good path skips that cost.
      checked = DesiredState.safeParse(message, { reportInput: true })
      if (!checked.success) {
        return new RejectedStateError(revision, `revision ${revision}: ${describeZodError(checked.error)}`)
      }
    }
    if (checked.data.service !== this.#who.service) {
      return new RejectedStateError(
        revision,
        `revision ${revision}: service: is "${checked.data.service}", expected "${this.#who.service}"`,
      )
    }
    return checked.data
  }

  #resolveAndApply(): EffectiveConfig {
    clearTimeout(this.#expiryTimer)
    const now = this.#now()
    this.#config = resolve(this.#state, this.#who, now, this.#stateRevision)
    this.#apply(this.#config)
    const next = this.#config.nextExpiryAt
    if (next !== undefined && !this.#closed) {
      // setTimeout takes at most 2^31-1 ms; a later expiry is re-armed on the way.
      const delay = Math.min(Math.max(next - now, 0) + 1, 2_147_483_647)
      this.#expiryTimer = setTimeout(() => this.#expire(), delay)
      this.#expiryTimer.unref()
    }
    return this.#config
  }

  #expire(): void {
    if (this.#closed) return
    const before = this.#config.hash
    const config = this.#resolveAndApply()
    if (config.hash !== before) this.#onExpiry?.(config)
  }
}
