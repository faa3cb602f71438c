import { codecs, type InspectReplyMessage } from '@prodbench/proto'
import { subjects } from '@prodbench/sdk/core'
import { InstanceNoAnswerError, InstanceNotFoundError, UnavailableError } from '../errors.js'
import type { InspectInput } from '../grpc/incident-requests.js'
import type { NatsLink } from '../nats/index.js'

/** How long Inspect waits for the instance to open its inspector. */
export const INSPECT_WAIT_MS = 5_000

/**
 * Asks one instance to open its Node inspector (an `InspectRequest` on
 * `pb.v1.inspect.<service>.<instance>`) and returns its answer: the
 * inspector's URL (bound to 127.0.0.1 on the instance's host), the host to
 * tunnel to and when it closes — or, in `error`, why the instance refused
 * (its code did not enable the inspector).
 */
export class InspectorGateway {
  readonly #link: NatsLink
  readonly #waitMs: number

  constructor(link: NatsLink, waitMs = INSPECT_WAIT_MS) {
    this.#link = link
    this.#waitMs = waitMs
  }

  /**
   * @throws {InstanceNotFoundError} when nothing listens for the instance (not live, or an SDK without it)
   * @throws {InstanceNoAnswerError} when it did not answer in time
   */
  async inspect(input: InspectInput): Promise<InspectReplyMessage> {
    const request = codecs.inspectRequest.encode({ ...(input.ttlMs ? { ttlMs: input.ttlMs } : {}) })
    const outcome = await this.#link.request(subjects.inspect(input.service, input.instance), request, this.#waitMs)
    if (outcome.kind === 'no-responders')
      throw new InstanceNotFoundError(input.service, input.instance, 'inspect requests')
    if (outcome.kind === 'timeout') {
      throw new InstanceNoAnswerError(input.service, input.instance, 'the inspect request', this.#waitMs)
    }
    let reply: InspectReplyMessage
    try {
      reply = codecs.inspectReply.decode(outcome.data)
    } catch (err) {
      throw new UnavailableError(`instance ${input.instance} answered with bytes that are not an InspectReply`, {
        cause: err,
      })
    }
    if (reply.identity?.service !== input.service || reply.identity?.instance !== input.instance) {
      throw new UnavailableError(`the answer on ${input.instance}'s subject named another instance`)
    }
    return reply
  }
}
