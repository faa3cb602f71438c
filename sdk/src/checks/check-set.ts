import { type CheckInfoInput, codecs } from '@prodbench/proto'
import { parseDuration, type Rule } from '../core/index.js'
import type { Identity } from '../identity.js'
import { type CheckListener, type CheckResult, SanityCheck } from './sanity-check.js'

/** Options of `pb.check()`. */
export interface CheckOptions {
  /**
   * Interval between runs: ms or a duration ("30s", "1m").
   * @default '1m'
   */
  every?: number | string
  /**
   * A run taking longer fails with a timeout: ms or a duration.
   * @default '5s'
   */
  timeout?: number | string
}

const NAME = /^[A-Za-z0-9_.-]{1,64}$/

/** The service's sanity checks: registered in code, scheduled, changed live by check rules. */
export class CheckSet {
  readonly #checks = new Map<string, SanityCheck>()
  readonly #listener: CheckListener
  #rules: readonly Rule[] = []

  constructor(listener: CheckListener) {
    this.#listener = listener
  }

  /**
   * Registers (or replaces) a check.
   * @throws {TypeError} naming the bad argument (at registration only, never later)
   */
  add(name: string, fn: () => unknown, options: CheckOptions = {}): SanityCheck {
    if (!NAME.test(name))
      throw new TypeError(`check name ${JSON.stringify(name)} must be 1-64 letters, digits, "_", "." or "-"`)
    if (typeof fn !== 'function') throw new TypeError(`check "${name}": the check must be a function`)
    const everyMs = ms(options.every ?? '1m', `check "${name}": every`)
    const timeoutMs = ms(options.timeout ?? '5s', `check "${name}": timeout`)
    this.#checks.get(name)?.close()
    const check = new SanityCheck(name, fn, { everyMs, timeoutMs, paused: false }, this.#listener)
    this.#checks.set(name, check)
    check.control(this.#ruleFor(name))
    return check
  }

  /** Applies the check rules of a new config. */
  update(rules: readonly Rule[]): void {
    this.#rules = rules
    for (const [name, check] of this.#checks) check.control(this.#ruleFor(name))
  }

  get(name: string): SanityCheck | undefined {
    return this.#checks.get(name)
  }

  get size(): number {
    return this.#checks.size
  }

  /** Every check as heartbeats carry it. */
  infos(): CheckInfoInput[] {
    return [...this.#checks.values()].map((check) => ({
      name: check.name,
      everyMs: check.schedule.everyMs,
      timeoutMs: check.schedule.timeoutMs,
      paused: check.schedule.paused,
      ruleId: check.schedule.ruleId ?? '',
      ...(check.last ? { last: resultMessage(check.last) } : {}),
      runs: check.runs,
      failures: check.failures,
      running: check.running,
    }))
  }

  /** Answers a run-now request: the reply's bytes, once the check finished. */
  async answer(identity: Identity, request: Uint8Array): Promise<Uint8Array> {
    let name = ''
    let error: string | undefined
    let result: CheckResult | undefined
    try {
      name = codecs.checkRunRequest.decode(request).name ?? ''
      const check = this.#checks.get(name)
      if (!check) error = `no check named ${JSON.stringify(name.slice(0, 64))} in this instance`
      else result = await check.run('request')
    } catch (err) {
      error = err instanceof Error ? err.message : String(err)
    }
    return codecs.checkRunReply.encode({
      identity: { ...identity },
      name,
      ...(result ? { result: resultMessage(result) } : {}),
      error: error ?? '',
    })
  }

  close(): void {
    for (const check of this.#checks.values()) check.close()
  }

  #ruleFor(name: string): { id: string; everyMs?: number; paused?: boolean } | undefined {
    const rule = this.#rules.find((r) => r.check?.name === name)
    return rule?.check ? { id: rule.id, ...rule.check } : undefined
  }
}

function resultMessage(result: CheckResult) {
  return {
    ok: result.ok,
    durationMs: result.durationMs,
    error: result.error ?? '',
    at: result.at,
    trigger: result.trigger,
  }
}

function ms(value: number | string, what: string): number {
  const n = typeof value === 'number' ? value : parseDuration(value)
  if (n === undefined || !Number.isFinite(n) || n < 1 || n > 86_400_000) {
    throw new TypeError(
      `${what} must be a duration from 1 ms to 24 h ("30s", "1m", or ms), got ${JSON.stringify(value)}`,
    )
  }
  return Math.round(n)
}
