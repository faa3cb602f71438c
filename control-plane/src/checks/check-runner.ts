import { type CheckInfoMessage, type CheckRunReplyMessage, codecs } from '@prodbench/proto'
import { subjects } from '@prodbench/sdk/core'
import type { RunCheckInput } from '../grpc/incident-requests.js'
import type { NatsLink } from '../nats/index.js'
import { fanOut, type InstanceRegistry } from '../registry/index.js'

/** Options of {@link CheckRunner}. */
export interface CheckRunnerOptions {
  readonly link: NatsLink
  readonly registry: InstanceRegistry
  /**
   * How long RunCheck waits for the instances when the request does not say
   * (a check runs up to its own timeout, 5 s by default in the SDK).
   * @default 10000
   */
  readonly defaultWaitMs?: number
  /**
   * Wall clock, for tests.
   * @default Date.now
   */
  readonly now?: () => number
}

/** A RunCheck answer: each instance's result, and the instances that did not answer in time. */
export interface RunCheckResult {
  readonly results: CheckRunReplyMessage[]
  readonly missing: string[]
}

/** One live instance's checks (ListChecks). */
export interface InstanceChecks {
  readonly instance: string
  readonly checks: CheckInfoMessage[]
}

/**
 * Sanity checks across a service: what each live instance's heartbeat says
 * about its checks (ListChecks), and running one check now on one or every
 * live instance (RunCheck: a `CheckRunRequest` on
 * `pb.v1.check.<service>.<instance>` to each, all at once; the replies that
 * come within the wait are gathered, the rest listed as missing).
 */
export class CheckRunner {
  readonly #o: CheckRunnerOptions
  readonly #now: () => number
  readonly #counts = { runs: 0, replies: 0, missing: 0, rejected: 0 }

  constructor(options: CheckRunnerOptions) {
    this.#o = options
    this.#now = options.now ?? Date.now
  }

  /** The checks of every live instance of `service`, as their last heartbeats listed them. */
  list(service: string): InstanceChecks[] {
    return this.#o.registry
      .live(service, this.#now())
      .map((record) => ({ instance: record.instance, checks: [...record.checks] }))
  }

  /**
   * Runs check `input.name` now on `input.instance` or on every live instance.
   * @throws {UnavailableError} when NATS is down
   */
  async run(input: RunCheckInput): Promise<RunCheckResult> {
    this.#counts.runs++
    const { replies, missing, rejected } = await fanOut(this.#o, this.#now(), {
      service: input.service,
      ...(input.instance ? { instance: input.instance } : {}),
      subject: subjects.check,
      data: codecs.checkRunRequest.encode({ name: input.name }),
      waitMs: input.waitMs ?? this.#o.defaultWaitMs ?? 10_000,
      decode: (data) => codecs.checkRunReply.decode(data),
      unusable: (identity, error) => ({ identity, error }),
    })
    this.#counts.replies += replies.length
    this.#counts.missing += missing.length
    this.#counts.rejected += rejected
    replies.sort((a, b) => ((a.identity?.instance ?? '') < (b.identity?.instance ?? '') ? -1 : 1))
    return { results: replies, missing }
  }

  /** Runs, replies, instances that did not answer, and replies refused (undecodable, another identity). */
  stats(): { runs: number; replies: number; missing: number; rejected: number } {
    return { ...this.#counts }
  }
}
