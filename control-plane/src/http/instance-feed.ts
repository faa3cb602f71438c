import { type InstanceRecord, type InstanceRegistry, isLive } from '../registry/index.js'
import {
  type Health,
  type InstanceDetail,
  type InstanceSummary,
  instanceDetail,
  instanceSummary,
} from './json-views.js'

/** How often registry changes are sent to viewers, at most: 200 instances heartbeating become a few events a second. */
export const FLUSH_MS = 500

/** An instance that left (or went silent), as viewers are told. */
export interface InstanceRef {
  readonly service: string
  readonly instance: string
}

/** What one viewer gets per flush: instances that changed, and those that are gone. */
export interface InstanceDelta<V> {
  readonly now: number
  readonly upsert: V[]
  readonly remove: InstanceRef[]
}

/** A viewer of the instance feed. */
export interface InstanceSubscriber {
  /** Only this service's instances (all when undefined). */
  readonly service: string | undefined
  /** Detailed views (levels, captures...) rather than summaries. */
  readonly detail: boolean
  deliver(delta: InstanceDelta<InstanceSummary | InstanceDetail>): void
}

/**
 * Registry changes for live views, shared by every viewer: heartbeats and
 * acks mark their instance changed, and every {@link FLUSH_MS} the changed
 * instances are sent (each view built once per flush), with the instances
 * that left or went silent, and those whose health changed without a message
 * (late). Listens to the registry only while someone watches.
 */
export class InstanceFeed {
  readonly #registry: InstanceRegistry
  readonly #now: () => number
  readonly #flushMs: number
  readonly #subscribers = new Set<InstanceSubscriber>()
  #dirty = new Set<string>()
  /** Instances viewers were told about, with the health they were told. */
  readonly #known = new Map<string, { ref: InstanceRef; health: Health }>()
  #stopListening: (() => void) | undefined
  #timer: NodeJS.Timeout | undefined

  constructor(registry: InstanceRegistry, now: () => number = Date.now, flushMs = FLUSH_MS) {
    this.#registry = registry
    this.#now = now
    this.#flushMs = flushMs
  }

  /** Adds a viewer (it got its snapshot elsewhere); returns a function that removes it. */
  subscribe(subscriber: InstanceSubscriber): () => void {
    if (this.#subscribers.size === 0) this.#start()
    this.#subscribers.add(subscriber)
    return () => {
      this.#subscribers.delete(subscriber)
      if (this.#subscribers.size === 0) this.#stop()
    }
  }

  /** Stops listening and flushing. Idempotent. */
  close(): void {
    this.#subscribers.clear()
    this.#stop()
  }

  #start(): void {
    const now = this.#now()
    for (const record of this.#registry.live(undefined, now)) {
      this.#known.set(keyOf(record), { ref: refOf(record), health: instanceSummary(record, now).health })
    }
    this.#stopListening = this.#registry.onChange((service, instance) => {
      this.#dirty.add(keyOf({ service, instance }))
    })
    const late = lateTicks(this.#flushMs, this.#now)
    // A late flush waits for the next: the instances it would call silent may only be unread.
    this.#timer = setInterval(() => late() || this.#flush(), this.#flushMs)
    this.#timer.unref()
  }

  #stop(): void {
    this.#stopListening?.()
    this.#stopListening = undefined
    clearInterval(this.#timer)
    this.#dirty.clear()
    this.#known.clear()
  }

  #flush(): void {
    const now = this.#now()
    const changed: InstanceRecord[] = []
    const removed: InstanceRef[] = []
    const dirty = this.#dirty
    this.#dirty = new Set()
    // Silence changes nothing in the registry: look at every known instance for late or gone.
    for (const [key, known] of this.#known) {
      if (dirty.has(key)) continue
      const record = this.#registry.get(known.ref.service, known.ref.instance)
      if (!record || !isLive(record, now)) dirty.add(key)
      else if (instanceSummary(record, now).health !== known.health) dirty.add(key)
    }
    for (const key of dirty) {
      const known = this.#known.get(key)
      const ref = known?.ref ?? refFromKey(key)
      const record = this.#registry.get(ref.service, ref.instance)
      if (record && isLive(record, now)) {
        changed.push(record)
        this.#known.set(key, { ref, health: instanceSummary(record, now).health })
      } else if (known) {
        removed.push(ref)
        this.#known.delete(key)
      }
    }
    if (changed.length === 0 && removed.length === 0) return
    const summaries = new Map<InstanceRecord, InstanceSummary>()
    const details = new Map<InstanceRecord, InstanceDetail>()
    for (const subscriber of this.#subscribers) {
      const mine = (r: InstanceRef) => subscriber.service === undefined || r.service === subscriber.service
      const upsert = changed.filter(mine).map((record) => {
        const views: Map<InstanceRecord, InstanceSummary | InstanceDetail> = subscriber.detail ? details : summaries
        let view = views.get(record)
        if (!view) {
          view = subscriber.detail ? instanceDetail(record, now) : instanceSummary(record, now)
          views.set(record, view)
        }
        return view
      })
      const remove = removed.filter(mine)
      if (upsert.length > 0 || remove.length > 0) subscriber.deliver({ now, upsert, remove })
    }
  }
}

function keyOf(ref: InstanceRef): string {
  return `${ref.service}\u0000${ref.instance}`
}

function refOf(record: InstanceRef): InstanceRef {
  return { service: record.service, instance: record.instance }
}

function refFromKey(key: string): InstanceRef {
  const [service = '', instance = ''] = key.split('\u0000')
  return { service, instance }
}

/**
 * For a timer that judges silence every `periodMs`: a function that says,
 * each tick, whether this tick came late (this process was busy for more than
 * a period). After such a stall the timer runs before the heartbeats that
 * came meanwhile are read, so silence is not judged on that tick: the next
 * one comes after them. Never two ticks in a row, so a process that is
 * always that slow still judges every other tick.
 */
export function lateTicks(periodMs: number, now: () => number): () => boolean {
  let last = now()
  let skipped = false
  return () => {
    const at = now()
    skipped = !skipped && at - last > 2 * periodMs
    last = at
    return skipped
  }
}
