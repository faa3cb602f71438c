import { codecs, DecodeError, type DesiredStateInput } from '@prodbench/proto'
import {
  DesiredState,
  describeZodError,
  desiredStateKey,
  isExpired,
  MAX_RULES_PER_SERVICE,
  serviceNameProblem,
} from '@prodbench/sdk/core'
import { ConflictError, CorruptStateError, TooManyRulesError } from '../errors.js'
import type { KvBucket } from '../nats/index.js'
import { ruleFieldsFromMessage, ruleToMessage } from './rule-message.js'

export { ruleToMessage } from './rule-message.js'

/** A service's desired state as read from KV, with the revision it was read at (0: never written). */
export interface StoredState {
  readonly state: DesiredState
  readonly revision: number
}

/** What a change function decides: the new state (undefined: write nothing) and a result for the caller. */
export interface Mutation<T> {
  readonly state: DesiredState | undefined
  readonly result: T
}

/** The outcome of {@link DesiredStore.change}. */
export interface Change<T> extends StoredState {
  readonly result: T
  /** False when the change function asked for no write (`state` undefined). */
  readonly written: boolean
}

/** Options of {@link DesiredStore}. */
export interface DesiredStoreOptions {
  /**
   * Compare-and-set attempts before giving up with PB_CONFLICT.
   * @default 10
   */
  maxAttempts?: number
  /**
   * Clock, for tests.
   * @default Date.now
   */
  now?: () => number
}

/** The KV operations the store uses (no watch). */
export type StoreBucket = Pick<KvBucket, 'get' | 'write' | 'keys'>

/**
 * Read/modify/write of each service's {@link DesiredState} in the KV bucket.
 * Writes are compare-and-set on the revision read, retried on conflict, so
 * concurrent changes to one service are all kept. Every value is validated
 * before it is written, and expired rules are pruned on the way.
 */
export class DesiredStore {
  readonly #kv: StoreBucket
  readonly #maxAttempts: number
  readonly #now: () => number

  constructor(kv: StoreBucket, options: DesiredStoreOptions = {}) {
    this.#kv = kv
    this.#maxAttempts = options.maxAttempts ?? 10
    this.#now = options.now ?? Date.now
  }

  /**
   * The service's current state (every rule, expired ones included) and revision.
   * @throws {CorruptStateError} when the stored bytes are not a valid DesiredState
   * @throws {UnavailableError} when NATS is down
   */
  async read(service: string): Promise<StoredState> {
    const entry = await this.#kv.get(desiredStateKey(service))
    if (!entry?.value || entry.value.length === 0) return { state: empty(service), revision: entry?.revision ?? 0 }
    return { state: decodeState(service, entry.value, entry.revision), revision: entry.revision }
  }

  /** Services that have a desired state in KV. */
  async services(): Promise<string[]> {
    // Anyone with KV write access could add a key that is no service name
    // ("a.b"): list services only, never fail the listing for it.
    return (await this.#kv.keys()).filter((key) => serviceNameProblem(key) === undefined)
  }

  /**
   * Applies `mutate` to the service's current state (expired rules already
   * pruned) and writes the result with compare-and-set, retrying from a fresh
   * read when another writer got there first. `mutate` may run more than once
   * and should be pure; errors it throws end the change.
   *
   * `resetCorrupt` starts from an empty state when the stored value is not
   * valid, instead of failing (used by "remove every rule").
   * @throws {ConflictError} after `maxAttempts` lost races
   * @throws {TooManyRulesError} when the result holds too many rules
   */
  async change<T>(
    service: string,
    mutate: (current: StoredState, now: number) => Mutation<T>,
    options: { resetCorrupt?: boolean } = {},
  ): Promise<Change<T>> {
    const key = desiredStateKey(service)
    let lastConflict: ConflictError | undefined
    for (let attempt = 1; attempt <= this.#maxAttempts; attempt++) {
      const entry = await this.#kv.get(key)
      const revision = entry?.revision ?? 0
      let state = empty(service)
      if (entry?.value && entry.value.length > 0) {
        try {
          state = decodeState(service, entry.value, revision)
        } catch (err) {
          if (!(options.resetCorrupt && err instanceof CorruptStateError)) throw err
        }
      }
      const now = this.#now()
      const live = { state: { ...state, rules: state.rules.filter((rule) => !isExpired(rule, now)) }, revision }
      const { state: next, result } = mutate(live, now)
      if (!next) return { ...live, result, written: false }

      const bytes = encodeState({ ...next, updatedAt: now })
      try {
        const written = await this.#kv.write(key, bytes, revision)
        return { state: { ...next, updatedAt: now }, revision: written, result, written: true }
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err
        lastConflict = err
        // Spread the racers out a little so they do not collide again in lockstep.
        await sleep(Math.random() * 5 * attempt)
      }
    }
    throw new ConflictError(
      `desired state of ${service} changed concurrently ${this.#maxAttempts} times in a row; try again`,
      { cause: lastConflict },
    )
  }
}

/** Validates and encodes a state for KV. */
function encodeState(state: DesiredState): Uint8Array {
  if (state.rules.length > MAX_RULES_PER_SERVICE) {
    throw new TooManyRulesError(
      `service ${state.service} would have ${state.rules.length} rules; at most ${MAX_RULES_PER_SERVICE} are allowed`,
    )
  }
  const parsed = DesiredState.safeParse(state)
  // Only a bug here can produce an invalid state: requests are validated before.
  if (!parsed.success) throw new Error(`refusing to write an invalid desired state: ${describeZodError(parsed.error)}`)
  return codecs.desiredState.encode(toMessage(parsed.data))
}

function toMessage(state: DesiredState): DesiredStateInput {
  return { service: state.service, rules: state.rules.map(ruleToMessage), updatedAt: state.updatedAt }
}

/**
 * Decodes and validates a service's KV value.
 * @throws {CorruptStateError} when it is not a valid DesiredState of `service`
 */
export function decodeState(service: string, bytes: Uint8Array, revision: number): DesiredState {
  let message: ReturnType<typeof codecs.desiredState.decode>
  try {
    message = codecs.desiredState.decode(bytes)
  } catch (err) {
    const why = err instanceof DecodeError ? err.message : String(err)
    throw new CorruptStateError(service, corruptMessage(service, revision, why), { cause: err })
  }
  const parsed = DesiredState.safeParse({
    service: message.service ?? '',
    updatedAt: message.updatedAt,
    rules: (message.rules ?? []).map((rule) => ({
      id: rule.id ?? '',
      // The oneof: exactly one action is present; neither (or both) fails the schema.
      ...ruleFieldsFromMessage(rule),
      expiresAt: rule.expiresAt || undefined,
      createdAt: rule.createdAt ?? 0,
      author: rule.author ?? '',
      reason: rule.reason || undefined,
    })),
  })
  if (!parsed.success) {
    throw new CorruptStateError(service, corruptMessage(service, revision, describeZodError(parsed.error)))
  }
  if (parsed.data.service !== service) {
    throw new CorruptStateError(service, corruptMessage(service, revision, `it names service ${parsed.data.service}`))
  }
  return parsed.data
}

function corruptMessage(service: string, revision: number, why: string): string {
  return (
    `desired state of ${service} (KV revision ${revision}) is not valid: ${why}. ` +
    `Removing every rule of ${service} (RemoveRules with no ids and no filters) resets it.`
  )
}

function empty(service: string): DesiredState {
  return { service, rules: [] }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
