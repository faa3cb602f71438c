import { isExpired, metricMatches, type Rule } from '@prodbench/sdk/core'

/** A capture rule as the merger needs it. */
export interface CaptureInfo {
  /** The rule id (also the capture id in subjects and snapshots). */
  readonly id: string
  readonly service: string
  /** The one instance selected, when the rule names one. */
  readonly instance: string | undefined
  /** The metric pattern. */
  readonly metric: string
  readonly intervalMs: number
  readonly expiresAt: number | undefined
  readonly createdAt: number
  /** How long after a window's end it waits for stragglers: max(1 s, interval / 2). */
  readonly graceMs: number
}

/** The wait for stragglers after a window's end. */
export function graceFor(intervalMs: number): number {
  return Math.max(1_000, Math.floor(intervalMs / 2))
}

/**
 * The capture rules in force, per service, as last read from the desired
 * state. Pure: fed with each service's rules and the time; it answers which
 * captures ended (removed or expired) so their windows and watchers can end.
 */
export class CaptureDirectory {
  readonly #byId = new Map<string, CaptureInfo>()
  readonly #byService = new Map<string, Map<string, CaptureInfo>>()
  /** The KV revision each service's captures were last set from: an older one is ignored. */
  readonly #revisions = new Map<string, number>()

  /**
   * Sets the capture rules of `service` from its desired state at KV
   * `revision` (every rule; level rules and expired ones are skipped).
   * A revision older than the last one applied is ignored: the KV watch and
   * a direct read may deliver out of order. Returns the captures that ended.
   */
  apply(service: string, rules: readonly Rule[], revision: number, now: number): CaptureInfo[] {
    if (revision < (this.#revisions.get(service) ?? 0)) return []
    this.#revisions.set(service, revision)
    const next = new Map<string, CaptureInfo>()
    for (const rule of rules) {
      if (!rule.capture || isExpired(rule, now) || rule.selector.service !== service) continue
      next.set(rule.id, this.#byId.get(rule.id) ?? toInfo(rule))
    }
    const ended: CaptureInfo[] = []
    for (const [id, info] of this.#byService.get(service) ?? []) {
      if (!next.has(id)) {
        ended.push(info)
        this.#byId.delete(id)
      }
    }
    for (const [id, info] of next) this.#byId.set(id, info)
    if (next.size > 0) this.#byService.set(service, next)
    else this.#byService.delete(service)
    return ended
  }

  /** Removes and returns the captures whose expiry has passed. */
  expire(now: number): CaptureInfo[] {
    const ended: CaptureInfo[] = []
    for (const info of this.#byId.values()) {
      if (info.expiresAt !== undefined && info.expiresAt > 0 && info.expiresAt <= now) ended.push(info)
    }
    for (const info of ended) {
      this.#byId.delete(info.id)
      const captures = this.#byService.get(info.service)
      captures?.delete(info.id)
      if (captures?.size === 0) this.#byService.delete(info.service)
    }
    return ended
  }

  /** The earliest expiry among active captures. */
  nextExpiry(): number | undefined {
    let next: number | undefined
    for (const info of this.#byId.values()) {
      if (info.expiresAt && (next === undefined || info.expiresAt < next)) next = info.expiresAt
    }
    return next
  }

  /** An active capture by id. */
  get(id: string): CaptureInfo | undefined {
    return this.#byId.get(id)
  }

  /** Active captures of `service` covering `metric`, newest first. */
  covering(service: string, metric: string): CaptureInfo[] {
    const out: CaptureInfo[] = []
    for (const info of this.#byService.get(service)?.values() ?? []) {
      if (metricMatches(info.metric, metric)) out.push(info)
    }
    return out.sort(newestFirst)
  }

  /** Active captures of `service`, newest first. */
  ofService(service: string): CaptureInfo[] {
    return [...(this.#byService.get(service)?.values() ?? [])].sort(newestFirst)
  }

  /** How many captures are active. */
  get size(): number {
    return this.#byId.size
  }
}

/** Newest first: createdAt, then id, so every replica orders alike. */
export function newestFirst(a: CaptureInfo, b: CaptureInfo): number {
  return b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
}

function toInfo(rule: Rule): CaptureInfo {
  const intervalMs = rule.capture?.intervalMs ?? 1_000
  return {
    id: rule.id,
    service: rule.selector.service,
    instance: rule.selector.instance,
    metric: rule.capture?.metric ?? '**',
    intervalMs,
    expiresAt: rule.expiresAt || undefined,
    createdAt: rule.createdAt,
    graceMs: graceFor(intervalMs),
  }
}
