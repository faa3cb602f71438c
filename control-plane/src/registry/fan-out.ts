import { errorMessage } from '../errors.js'
import type { NatsLink } from '../nats/index.js'
import type { InstanceRegistry } from './instance-registry.js'

/** The instance a reply stands for. */
export interface ReplyIdentity {
  readonly service: string
  readonly instance: string
}

/** What {@link fanOut} sends, to whom, and how it reads the replies. */
export interface FanOutRequest<R> {
  readonly service: string
  /** The one instance to ask; every live instance of `service` in the registry when absent. */
  readonly instance?: string
  /** The subject one instance answers requests on. */
  readonly subject: (service: string, instance: string) => string
  /** The encoded request, the same for every instance. */
  readonly data: Uint8Array
  /** How long to wait for each instance (all are asked at once). */
  readonly waitMs: number
  /** Decodes one reply; throws on bytes that are not one. */
  readonly decode: (data: Uint8Array) => R
  /** The reply standing for an instance that answered with something unusable, `error` saying why. */
  readonly unusable: (identity: ReplyIdentity, error: string) => R
}

/** What {@link fanOut} gathered. */
export interface FanOutResult<R> {
  /** One reply per instance that answered, in asking order; unusable answers are replaced by `unusable(...)`. */
  readonly replies: R[]
  /** The instances that did not answer in time or have no subscription, sorted. */
  readonly missing: string[]
  /** Answers that did not decode or named another instance than asked. */
  readonly rejected: number
}

/**
 * Sends one NATS request to the instance asked for, or to every live
 * instance of the service, all at once, and gathers the replies that arrive
 * within the wait; the rest are listed as missing. An instance with no
 * subscription is known missing at once (NATS says no responders).
 * @throws {UnavailableError} when NATS is down
 */
export async function fanOut<R extends { readonly identity?: { service?: string; instance?: string } }>(
  via: { readonly link: NatsLink; readonly registry: InstanceRegistry },
  now: number,
  request: FanOutRequest<R>,
): Promise<FanOutResult<R>> {
  const { service } = request
  const targets = request.instance
    ? [request.instance]
    : via.registry.live(service, now).map((record) => record.instance)
  let rejected = 0
  const ask = async (instance: string): Promise<R | undefined> => {
    const outcome = await via.link.request(request.subject(service, instance), request.data, request.waitMs)
    if (outcome.kind !== 'reply') return undefined
    let reply: R
    try {
      reply = request.decode(outcome.data)
    } catch (err) {
      rejected++
      return request.unusable({ service, instance }, `its reply did not decode: ${errorMessage(err)}`)
    }
    if (reply.identity?.service !== service || reply.identity?.instance !== instance) {
      rejected++
      return request.unusable({ service, instance }, 'its reply named another instance')
    }
    return reply
  }
  const answers = await Promise.all(targets.map(async (instance) => ({ instance, reply: await ask(instance) })))
  const replies: R[] = []
  const missing: string[] = []
  for (const { instance, reply } of answers) {
    if (reply) replies.push(reply)
    else missing.push(instance)
  }
  return { replies, missing: missing.sort(), rejected }
}
