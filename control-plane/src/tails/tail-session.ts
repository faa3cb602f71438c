import { codecs, type TailEventInput } from '@prodbench/proto'
import type { Rule } from '@prodbench/sdk/core'
import { TailQueue, type TailQueueLimits } from './tail-queue.js'

/** Why a tail ended: its TTL, its rule removed by someone else, the viewer left, the control plane closed. */
export type TailEnd = 'ttl' | 'removed' | 'viewer' | 'shutdown'

/** What a session tells its hub. */
export interface TailSessionHooks {
  /** The session ended, once, for `why`: release its slot (and remove its rule for 'viewer' / 'shutdown'). */
  ended(session: TailSession, why: TailEnd): void
  /** Counts what arrived: a batch accepted (with its records), refused, or after a gap in its sequence. */
  count(what: 'batch' | 'rejected' | 'gap', records?: number): void
}

/**
 * One open tail: the queue between the NATS subscription to its batches and
 * its viewer, the timer of its TTL, and the rule it stands for. Iterate it
 * for the events: first `{ tailId }`, then one per batch (`instance`,
 * `records`, `dropped`), and — when the tail ends by itself — a last one with
 * `ended: "ttl" | "removed"`. Stopping the iteration early (or `close()`)
 * means the viewer left: the hub removes the tail's rule.
 */
export class TailSession implements AsyncIterable<TailEventInput> {
  readonly tailId: string
  readonly service: string
  readonly #queue: TailQueue
  readonly #hooks: TailSessionHooks
  /** Last sequence number seen per instance, to notice lost batches. */
  readonly #seq = new Map<string, number>()
  #rule: Rule | undefined
  #revision = 0
  #timer: NodeJS.Timeout | undefined
  #unsubscribe: (() => void) | undefined
  #end: TailEnd | undefined

  constructor(tailId: string, service: string, limits: TailQueueLimits, hooks: TailSessionHooks) {
    this.tailId = tailId
    this.service = service
    this.#queue = new TailQueue(limits)
    this.#hooks = hooks
  }

  /** The tail's rule, once written. */
  get rule(): Rule | undefined {
    return this.#rule
  }

  /** KV revision the rule was written at (0 until then). */
  get revision(): number {
    return this.#revision
  }

  /** Why it ended, or undefined while open. */
  get end(): TailEnd | undefined {
    return this.#end
  }

  /** Record drops and queue peak of this tail. */
  counters() {
    return this.#queue.counters()
  }

  /** Keeps the subscription's stop function, called when the session ends. */
  subscribed(unsubscribe: () => void): void {
    if (this.#end) unsubscribe()
    else this.#unsubscribe = unsubscribe
  }

  /** The rule is stored: send the first event and arm the TTL. */
  started(rule: Rule, revision: number, now: number): void {
    this.#rule = rule
    this.#revision = revision
    if (this.#end) return
    this.#queue.push({ tailId: this.tailId })
    if (rule.expiresAt) this.#armTtl(rule.expiresAt, now)
  }

  /** Takes one message from `pb.v1.tail.<service>.<tail id>.<instance>`; never throws. */
  deliver(data: Uint8Array, subject: string): void {
    if (this.#end) return
    // An empty message is another control plane's liveness probe (see orphan-sweep.ts), not a batch.
    if (data.length === 0) return
    const instance = subject.slice(subject.lastIndexOf('.') + 1)
    let batch: ReturnType<typeof codecs.tailBatch.decode>
    try {
      batch = codecs.tailBatch.decode(data)
    } catch {
      this.#hooks.count('rejected')
      return
    }
    if (batch.tailId !== this.tailId || batch.service !== this.service || batch.instance !== instance) {
      this.#hooks.count('rejected')
      return
    }
    const seq = batch.seq ?? 0
    const previous = this.#seq.get(instance)
    if (previous !== undefined && seq > previous + 1) this.#hooks.count('gap', seq - previous - 1)
    if (seq > 0) this.#seq.set(instance, seq)
    const records = batch.records ?? []
    this.#hooks.count('batch', records.length)
    this.#queue.push({
      tailId: this.tailId,
      instance,
      records,
      ...(batch.dropped ? { dropped: batch.dropped } : {}),
    })
  }

  /** Ends the tail by itself (TTL, rule removed): queued events go out, then `{ ended }`. */
  finish(why: 'ttl' | 'removed'): void {
    if (!this.#stop(why)) return
    this.#queue.end({ tailId: this.tailId, ended: why })
  }

  /** Ends the tail at once with `error` (the control plane is closing). */
  fail(error: Error): void {
    if (!this.#stop('shutdown')) return
    this.#queue.fail(error)
  }

  /** The viewer left: stop, forget what is queued, and let the hub remove the rule. Idempotent. */
  close(): void {
    if (!this.#stop('viewer')) return
    this.#queue.discard()
  }

  [Symbol.asyncIterator](): AsyncIterator<TailEventInput> {
    return {
      next: () => this.#queue.next(),
      return: async () => {
        this.close()
        return { value: undefined, done: true }
      },
    }
  }

  #armTtl(expiresAt: number, now: number): void {
    const wait = expiresAt - now
    if (wait <= 0) {
      this.finish('ttl')
      return
    }
    // One timer is enough: tails.maxTtlMs is at most a day, far below setTimeout's 2^31 ms limit.
    this.#timer = setTimeout(() => this.finish('ttl'), wait)
    this.#timer.unref()
  }

  /** Marks the end once; returns false when it had already ended. */
  #stop(why: TailEnd): boolean {
    if (this.#end) return false
    this.#end = why
    clearTimeout(this.#timer)
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
    this.#hooks.ended(this, why)
    return true
  }
}
