/** The outcome of one run of a check. */
export interface CheckResult {
  readonly ok: boolean
  readonly durationMs: number
  readonly error?: string
  /** When it finished (unix ms). */
  readonly at: number
  readonly trigger: 'schedule' | 'request'
}

/** How a check is scheduled. */
export interface CheckSchedule {
  readonly everyMs: number
  readonly timeoutMs: number
  readonly paused: boolean
  /** The rule that changed the code's schedule, when one did. */
  readonly ruleId?: string
}

/** What a finished run tells the SDK around it. */
export type CheckListener = (name: string, result: CheckResult, error: unknown) => void

/** Thrown into a check's result when it ran past its timeout. */
export class CheckTimeoutError extends Error {
  override name = 'CheckTimeoutError'
  readonly code = 'PB_CHECK_TIMEOUT'
}

/**
 * One sanity check: runs on its schedule and on request, never overlapping
 * itself. A run that times out is reported failed at once, but the check
 * stays "running" until the function actually settles, so the next run
 * cannot start beside it.
 */
export class SanityCheck {
  readonly name: string
  readonly #fn: () => unknown
  readonly #code: CheckSchedule
  schedule: CheckSchedule
  last: CheckResult | undefined
  runs = 0
  failures = 0
  #running: Promise<CheckResult> | undefined
  #settling: Promise<unknown> | undefined
  #timer: NodeJS.Timeout | undefined
  #closed = false
  readonly #listener: CheckListener

  constructor(name: string, fn: () => unknown, schedule: CheckSchedule, listener: CheckListener) {
    this.name = name
    this.#fn = fn
    this.#code = schedule
    this.schedule = schedule
    this.#listener = listener
    this.#arm()
  }

  /** True while a run (or a timed-out run's function) is in progress. */
  get running(): boolean {
    return this.#running !== undefined || this.#settling !== undefined
  }

  /** Applies a rule's interval/pause, or the code's schedule when `rule` is undefined. */
  control(rule: { id: string; everyMs?: number; paused?: boolean } | undefined): void {
    const next: CheckSchedule = rule
      ? {
          everyMs: rule.everyMs ?? this.#code.everyMs,
          timeoutMs: this.#code.timeoutMs,
          paused: rule.paused ?? false,
          ruleId: rule.id,
        }
      : this.#code
    const changed = next.everyMs !== this.schedule.everyMs || next.paused !== this.schedule.paused
    this.schedule = next
    if (changed) this.#arm()
  }

  /** Runs now (or joins the run in progress): resolves with its result, never rejects. */
  run(trigger: CheckResult['trigger']): Promise<CheckResult> {
    if (this.#running) return this.#running
    if (this.#settling) {
      const result: CheckResult = {
        ok: false,
        durationMs: 0,
        error: 'the previous run has not finished (it timed out and is still running)',
        at: Date.now(),
        trigger,
      }
      return Promise.resolve(result)
    }
    this.#running = this.#execute(trigger).finally(() => {
      this.#running = undefined
      this.#arm()
    })
    return this.#running
  }

  close(): void {
    this.#closed = true
    clearTimeout(this.#timer)
  }

  async #execute(trigger: CheckResult['trigger']): Promise<CheckResult> {
    const started = performance.now()
    let timer: NodeJS.Timeout | undefined
    let error: unknown
    try {
      const work = Promise.resolve().then(() => this.#fn())
      this.#settling = work.then(
        () => undefined,
        () => undefined,
      )
      void this.#settling.then(() => {
        this.#settling = undefined
      })
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new CheckTimeoutError(`check "${this.name}" timed out after ${this.schedule.timeoutMs} ms`)),
          this.schedule.timeoutMs,
        )
        timer.unref()
      })
      const value = await Promise.race([work, timeout])
      if (value === false) error = new Error(`check "${this.name}" returned false`)
    } catch (err) {
      error = err
    } finally {
      clearTimeout(timer)
    }
    const result: CheckResult = {
      ok: error === undefined,
      durationMs: performance.now() - started,
      at: Date.now(),
      trigger,
      ...(error === undefined ? {} : { error: error instanceof Error ? error.message : String(error) }),
    }
    this.runs++
    if (!result.ok) this.failures++
    this.last = result
    try {
      this.#listener(this.name, result, error)
    } catch {
      // the SDK guards its own listeners; a check must not fail because of them
    }
    return result
  }

  #arm(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    if (this.#closed || this.schedule.paused || this.#running) return
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      void this.run('schedule')
    }, this.schedule.everyMs)
    this.#timer.unref()
  }
}
