import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Rule } from '../core/index.js'

/** The instance's quarantine as `status()` and heartbeats show it. */
export interface QuarantineState {
  readonly active: boolean
  readonly ruleId?: string
  readonly reason?: string
  readonly author?: string
  readonly since?: number
}

/** Called when the instance enters quarantine (`entering` true) or is released. */
export type QuarantineHook = (state: QuarantineState) => unknown

/**
 * Quarantine: a rule naming this instance takes it out of traffic. Readiness
 * fails (so load balancers and Kubernetes stop sending requests), the app's
 * hooks run (stop consuming queues, close pools), and the SDK turns the
 * instance to debug with a larger flight recorder, keeping it alive for
 * connect-and-debug. Removing the rule releases it.
 */
export class QuarantineControl {
  #state: QuarantineState = { active: false }
  readonly #enter: QuarantineHook[] = []
  readonly #release: QuarantineHook[] = []
  readonly #report: (event: string, error: unknown) => void

  constructor(report: (event: string, error: unknown) => void) {
    this.#report = report
  }

  get state(): QuarantineState {
    return this.#state
  }

  /** Hooks run on entering quarantine; returns a function that removes it. */
  onEnter(hook: QuarantineHook): () => void {
    this.#enter.push(hook)
    return () => remove(this.#enter, hook)
  }

  /** Hooks run on release; returns a function that removes it. */
  onRelease(hook: QuarantineHook): () => void {
    this.#release.push(hook)
    return () => remove(this.#release, hook)
  }

  /** Follows the config's quarantine rule; true when the state changed. */
  update(rule: Rule | undefined): boolean {
    const was = this.#state
    if (rule && was.active && was.ruleId === rule.id) return false
    if (!rule && !was.active) return false
    this.#state = rule
      ? {
          active: true,
          ruleId: rule.id,
          author: rule.author,
          since: Date.now(),
          ...(rule.quarantine?.reason ? { reason: rule.quarantine.reason } : {}),
        }
      : { active: false }
    if (rule && was.active) return true // another rule took over: hooks already ran
    for (const hook of rule ? this.#enter : this.#release) {
      try {
        const out = hook(this.#state)
        if (out instanceof Promise) out.catch((err: unknown) => this.#report('quarantine-hook', err))
      } catch (err) {
        this.#report('quarantine-hook', err)
      }
    }
    return true
  }

  /**
   * A readiness endpoint for node:http and frameworks: 200 while in traffic,
   * 503 while quarantined (or when `ready()` says not ready).
   */
  handler(ready: () => boolean = () => true): (req: IncomingMessage, res: ServerResponse) => void {
    return (_req, res) => {
      const state = this.#state
      const ok = !state.active && ready()
      const body = JSON.stringify(
        state.active
          ? { ready: false, quarantined: true, reason: state.reason ?? '', since: state.since }
          : { ready: ok },
      )
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      res.end(body)
    }
  }
}

function remove<T>(list: T[], item: T): void {
  const at = list.indexOf(item)
  if (at >= 0) list.splice(at, 1)
}
