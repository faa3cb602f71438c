import { codecs, type DumpReplyMessage } from '@prodbench/proto'
import { subjects } from '@prodbench/sdk/core'
import type { DumpInput } from '../grpc/requests.js'
import type { NatsLink } from '../nats/index.js'
import { fanOut, type InstanceRegistry } from '../registry/index.js'
import { fitReplies } from './fit-replies.js'

/** Options of {@link DumpGatherer}. */
export interface DumpGathererOptions {
  readonly link: NatsLink
  readonly registry: InstanceRegistry
  /** How long a dump waits for the instances when the request does not say. */
  readonly defaultWaitMs: number
  /** Most record bytes one answer carries, over all instances (the oldest records go first beyond it). */
  readonly maxResponseBytes: number
  /**
   * Wall clock, for tests.
   * @default Date.now
   */
  readonly now?: () => number
}

/** A Dump answer: the replies that came, and the instances that did not answer in time. */
export interface DumpResult {
  readonly instances: DumpReplyMessage[]
  readonly missing: string[]
}

/** What the dumps did since start. */
export interface DumpStats {
  readonly dumps: number
  readonly replies: number
  /** Instances asked that did not answer (no responder, timeout). */
  readonly missing: number
  /** Replies that did not decode or came from another instance than asked. */
  readonly rejected: number
  /** Records left out of answers to keep them under `maxResponseBytes`. */
  readonly trimmed: number
}

/**
 * Flight-recorder dumps: one NATS request (`DumpRequest` on
 * `pb.v1.dump.<service>.<instance>`) to the instance asked for, or to every
 * live instance of the service in the registry, all at once; the replies
 * that arrive within the wait are gathered, and the instances that did not
 * answer are listed as missing. An instance with no NATS subscription (gone,
 * or an SDK without the flight recorder) is known missing at once.
 */
export class DumpGatherer {
  readonly #o: DumpGathererOptions
  readonly #now: () => number
  readonly #counts = { dumps: 0, replies: 0, missing: 0, rejected: 0, trimmed: 0 }

  constructor(options: DumpGathererOptions) {
    this.#o = options
    this.#now = options.now ?? Date.now
  }

  /**
   * Asks the instances and gathers their replies.
   * @throws {UnavailableError} when NATS is down
   */
  async dump(input: DumpInput): Promise<DumpResult> {
    this.#counts.dumps++
    const { replies, missing, rejected } = await fanOut(this.#o, this.#now(), {
      service: input.service,
      ...(input.instance ? { instance: input.instance } : {}),
      subject: subjects.dump,
      data: codecs.dumpRequest.encode({
        last: input.last,
        ...(input.where ? { where: input.where } : {}),
        ...(input.logger ? { logger: input.logger } : {}),
        ...(input.level ? { level: input.level } : {}),
      }),
      waitMs: input.waitMs || this.#o.defaultWaitMs,
      decode: (data) => codecs.dumpReply.decode(data),
      unusable: (identity, error) => ({ identity, records: [], error }),
    })
    this.#counts.replies += replies.length
    this.#counts.missing += missing.length
    this.#counts.rejected += rejected
    const fitted = fitReplies(
      replies.map((reply) => newest(reply, input.last)),
      this.#o.maxResponseBytes,
    )
    this.#counts.trimmed += fitted.trimmed
    return { instances: fitted.replies, missing }
  }

  /** Counters since start. */
  stats(): DumpStats {
    return { ...this.#counts }
  }
}

/** An instance that sends more than asked for keeps only its newest `last` records. */
function newest(reply: DumpReplyMessage, last: number): DumpReplyMessage {
  const records = reply.records ?? []
  return records.length > last ? { ...reply, records: records.slice(records.length - last) } : reply
}
