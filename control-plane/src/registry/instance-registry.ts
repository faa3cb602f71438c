import type {
  AckMessage,
  AppliedConfigMessage,
  CheckInfoMessage,
  HeartbeatMessage,
  InstanceIdentityMessage,
  InstanceInfoInput,
  MetricInfoMessage,
  QuarantineStateMessage,
} from '@prodbench/proto'
import { instanceIdProblem, serviceNameProblem } from '@prodbench/sdk/core'

/** An instance is live while it was heard from within this many of its heartbeat intervals. */
export const LIVE_INTERVALS = 3
/** Interval assumed for an instance that did not say (or was only heard through an ack). */
export const DEFAULT_INTERVAL_MS = 5_000
/** Most instances tracked at once; more are refused (and counted) until dead ones are pruned. */
export const MAX_INSTANCES = 50_000

/** What the registry knows about one instance. */
export interface InstanceRecord {
  readonly service: string
  readonly instance: string
  readonly identity: InstanceIdentityMessage
  /** The config it last reported (from its latest heartbeat or ack). */
  readonly applied: AppliedConfigMessage | undefined
  /** The desired-state revision it last reported as applied; 0 when none. */
  readonly appliedRevision: number
  /** The last revision it refused, and why. */
  readonly refusal: { readonly revision: number; readonly reason: string } | undefined
  readonly intervalMs: number
  /** When it was last heard from (unix ms). */
  readonly lastSeen: number
  readonly uptimeMs: number | undefined
  readonly reconnects: number
  /** Its instruments (histograms, counters, gauges) as its last heartbeat listed them. */
  readonly metrics: readonly MetricInfoMessage[]
  /** Its sanity checks (pb.check) as its last heartbeat listed them. */
  readonly checks: readonly CheckInfoMessage[]
  /** Its quarantine as its last heartbeat reported it; undefined when not quarantined. */
  readonly quarantine: QuarantineStateMessage | undefined
}

/** Counts of messages refused by the registry (bad bytes, bad names, ...). */
export interface RegistryStats {
  readonly instances: number
  readonly rejected: number
  readonly lastRejection: string | undefined
}

/** The subject tokens a message arrived on; the identity inside must match them. */
export interface SubjectTokens {
  readonly service: string
  readonly instance: string
}

/**
 * Live instances, fed by heartbeats and acks. Pure: no I/O, no timers, time
 * comes in as `now`. Listeners hear the service of every change, which is
 * what lets rollouts wait for acks without polling.
 */
export class InstanceRegistry {
  readonly #records = new Map<string, InstanceRecord>()
  /** The same records by service, so a service's instances are found without a scan of all. */
  readonly #byService = new Map<string, Map<string, InstanceRecord>>()
  readonly #listeners = new Set<(service: string, instance: string) => void>()
  #rejected = 0
  #lastRejection: string | undefined

  /** Records a heartbeat. Returns why it was refused, or undefined when accepted. */
  heartbeat(message: HeartbeatMessage, now: number, subject?: SubjectTokens): string | undefined {
    const checked = this.#check('heartbeat', message.identity, subject)
    if (typeof checked === 'string') return checked
    const { identity, service, instance } = checked
    const key = keyOf(service, instance)
    if (message.leaving) {
      if (this.#delete(key, service, instance)) this.#emit(service, instance)
      return undefined
    }
    const previous = this.#records.get(key)
    if (!previous && this.#records.size >= MAX_INSTANCES)
      return this.reject(`heartbeat: over ${MAX_INSTANCES} instances`)
    const rejected = message.applied?.rejected
    this.#set(key, {
      service,
      instance,
      identity,
      applied: message.applied,
      appliedRevision: message.applied?.revision ?? 0,
      refusal:
        rejected?.lastRevision !== undefined
          ? { revision: rejected.lastRevision, reason: rejected.lastReason || 'refused' }
          : previous?.refusal,
      intervalMs: message.intervalMs || previous?.intervalMs || DEFAULT_INTERVAL_MS,
      lastSeen: now,
      uptimeMs: message.uptimeMs,
      reconnects: message.reconnects ?? 0,
      metrics:
        message.metricsChangedOnly && previous
          ? mergeByName(previous.metrics, message.metrics ?? [], (m) => m.name ?? '')
          : (message.metrics ?? []),
      checks: message.checks ?? [],
      quarantine: message.quarantine?.active ? message.quarantine : undefined,
    })
    this.#emit(service, instance)
    return undefined
  }

  /** Records an ack (ok or refusal). Returns why it was refused, or undefined when accepted. */
  ack(message: AckMessage, now: number, subject?: SubjectTokens): string | undefined {
    const checked = this.#check('ack', message.identity, subject)
    if (typeof checked === 'string') return checked
    const { identity, service, instance } = checked
    const key = keyOf(service, instance)
    const previous = this.#records.get(key)
    if (!previous && this.#records.size >= MAX_INSTANCES) return this.reject(`ack: over ${MAX_INSTANCES} instances`)
    const revision = message.revision ?? 0
    const applied = mergeAck(previous?.applied, message.applied)
    this.#set(key, {
      service,
      instance,
      identity,
      applied,
      appliedRevision: message.ok ? (message.applied?.revision ?? revision) : (applied?.revision ?? 0),
      refusal: message.ok ? previous?.refusal : { revision, reason: message.error || 'refused' },
      intervalMs: previous?.intervalMs ?? DEFAULT_INTERVAL_MS,
      lastSeen: now,
      uptimeMs: previous?.uptimeMs,
      reconnects: previous?.reconnects ?? 0,
      metrics: previous?.metrics ?? [],
      checks: previous?.checks ?? [],
      quarantine: previous?.quarantine,
    })
    this.#emit(service, instance)
    return undefined
  }

  /** Counts a message that could not be used (undecodable bytes, ...) and returns `reason`. */
  reject(reason: string): string {
    this.#rejected++
    this.#lastRejection = reason
    return reason
  }

  /** Live instances of `service` (of every service when undefined), sorted by service then id. */
  live(service: string | undefined, now: number): InstanceRecord[] {
    const out: InstanceRecord[] = []
    const records = service === undefined ? this.#records.values() : (this.#byService.get(service)?.values() ?? [])
    for (const record of records) if (isLive(record, now)) out.push(record)
    return out.sort(byServiceThenInstance)
  }

  /** The record of one instance, live or not yet pruned. */
  get(service: string, instance: string): InstanceRecord | undefined {
    return this.#byService.get(service)?.get(instance)
  }

  /** Live instance counts per service. */
  services(now: number): Map<string, number> {
    const counts = new Map<string, number>()
    for (const record of this.#records.values()) {
      if (isLive(record, now)) counts.set(record.service, (counts.get(record.service) ?? 0) + 1)
    }
    return counts
  }

  /** The earliest moment one of `records` stops being live, if not heard from again. */
  nextExpiry(records: readonly InstanceRecord[]): number | undefined {
    let next: number | undefined
    for (const r of records) {
      const at = r.lastSeen + LIVE_INTERVALS * r.intervalMs
      if (next === undefined || at < next) next = at
    }
    return next
  }

  /**
   * Moves every record's last-seen time `ms` later: the control plane was cut
   * off from NATS that long and could hear no one, which is no sign that the
   * instances are gone. Without it, after an outage longer than three
   * heartbeats every instance would count as dead until its next heartbeat,
   * and a change made then would report "applied on 0/0".
   */
  extend(ms: number): void {
    if (!(ms > 0)) return
    for (const [key, record] of this.#records) this.#set(key, { ...record, lastSeen: record.lastSeen + ms })
  }

  /** Forgets instances that are no longer live; returns how many. */
  prune(now: number): number {
    let removed = 0
    for (const [key, record] of this.#records) {
      if (!isLive(record, now)) {
        this.#delete(key, record.service, record.instance)
        removed++
      }
    }
    return removed
  }

  /**
   * Calls `listener` with the service and instance of every accepted heartbeat
   * or ack (and leave). Returns a function that stops it.
   */
  onChange(listener: (service: string, instance: string) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** How many instances are tracked (live or not yet pruned) and how many messages were refused. */
  stats(): RegistryStats {
    return { instances: this.#records.size, rejected: this.#rejected, lastRejection: this.#lastRejection }
  }

  #check(
    kind: string,
    identity: InstanceIdentityMessage | undefined,
    subject: SubjectTokens | undefined,
  ): Checked | string {
    if (!identity) return this.reject(`${kind}: no identity`)
    const service = identity.service ?? ''
    const instance = identity.instance ?? ''
    if (subject && (subject.service !== service || subject.instance !== instance)) {
      return this.reject(`${kind}: identity ${service}/${instance} does not match its subject`)
    }
    // Names already checked when the instance was first recorded: an ack or heartbeat a second costs no regexes.
    if (this.#byService.get(service)?.has(instance)) return { identity, service, instance }
    const problem =
      (serviceNameProblem(service) && `service ${JSON.stringify(service)} ${serviceNameProblem(service)}`) ||
      (instanceIdProblem(instance) && `instance ${JSON.stringify(instance)} ${instanceIdProblem(instance)}`)
    if (problem) return this.reject(`${kind}: ${problem}`)
    return { identity, service, instance }
  }

  #emit(service: string, instance: string): void {
    for (const listener of this.#listeners) listener(service, instance)
  }

  #set(key: string, record: InstanceRecord): void {
    this.#records.set(key, record)
    let instances = this.#byService.get(record.service)
    if (!instances) {
      instances = new Map()
      this.#byService.set(record.service, instances)
    }
    instances.set(record.instance, record)
  }

  #delete(key: string, service: string, instance: string): boolean {
    const instances = this.#byService.get(service)
    instances?.delete(instance)
    if (instances?.size === 0) this.#byService.delete(service)
    return this.#records.delete(key)
  }
}

/** True while the instance was heard from within {@link LIVE_INTERVALS} of its heartbeat interval. */
export function isLive(record: InstanceRecord, now: number): boolean {
  return now - record.lastSeen < LIVE_INTERVALS * record.intervalMs
}

/** A record as the gRPC `InstanceInfo` message. */
export function toInstanceInfo(record: InstanceRecord): InstanceInfoInput {
  return {
    identity: record.identity,
    applied: record.applied,
    uptimeMs: record.uptimeMs,
    lastSeen: record.lastSeen,
    reconnects: record.reconnects,
    ...(record.quarantine ? { quarantine: record.quarantine } : {}),
  }
}

interface Checked {
  readonly identity: InstanceIdentityMessage
  readonly service: string
  readonly instance: string
}

/**
 * An ack's applied config over the one last heard: an ack carries only the
 * loggers whose level or source changed, and the log figures only when the
 * log rules changed, since the instance's last report (heartbeats carry all).
 */
function mergeAck(
  last: AppliedConfigMessage | undefined,
  ack: AppliedConfigMessage | undefined,
): AppliedConfigMessage | undefined {
  if (!ack || !last) return ack ?? last
  const levels = mergeByName(last.levels ?? [], ack.levels ?? [], (l) => l.logger ?? '')
  return { ...ack, levels, logs: ack.logs ?? last.logs }
}

/**
 * What changed (an ack's loggers, a heartbeat's metrics) over the list last
 * heard, kept sorted by name: replaced in place, a sort only when one is new;
 * a scan each for a few, an index for a service-wide change.
 */
function mergeByName<T>(last: readonly T[], changed: readonly T[], nameOf: (item: T) => string): T[] {
  const merged = last.slice()
  const index = changed.length > 8 ? new Map(merged.map((item, i) => [nameOf(item), i])) : undefined
  let added = false
  for (const item of changed) {
    const name = nameOf(item)
    const at = index ? (index.get(name) ?? -1) : merged.findIndex((known) => nameOf(known) === name)
    if (at >= 0) merged[at] = item
    else {
      merged.push(item)
      added = true
    }
  }
  if (added) merged.sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : 1))
  return merged
}

function byServiceThenInstance(a: InstanceRecord, b: InstanceRecord): number {
  if (a.service !== b.service) return a.service < b.service ? -1 : 1
  return a.instance < b.instance ? -1 : a.instance > b.instance ? 1 : 0
}

function keyOf(service: string, instance: string): string {
  return `${service}\u0000${instance}`
}
