import { isExpired, subjects } from '@prodbench/sdk/core'
import { errorMessage } from '../errors.js'
import type { NatsLink } from '../nats/index.js'
import type { DesiredStore } from '../state/desired-store.js'

/** The instance token of a probe: a name no SDK instance is given (instances are named by their hosts). */
export const PROBE_INSTANCE = '_probe'
/** How long a probe waits; a live tail's subscription never answers, so this is the cost of each live tail. */
const PROBE_TIMEOUT_MS = 500

/** What {@link sweepOrphanTails} needs. */
export interface OrphanSweepOptions {
  readonly link: NatsLink
  readonly store: DesiredStore
  readonly now: () => number
  readonly warn: (message: string) => void
  /** True for the tails this control plane streams itself (never probed). */
  readonly isOurs: (service: string, id: string) => boolean
}

/**
 * Finds the tail rules whose stream is gone and removes them. A control
 * plane that crashed (or was killed) while streaming tails leaves their rules
 * behind; they would expire by their TTL, but until then every instance they
 * select keeps publishing records nobody reads. Whoever streams a tail
 * subscribes to `pb.v1.tail.<service>.<id>.*`, so a request on
 * `pb.v1.tail.<service>.<id>._probe` tells: NATS answers "no responders" at
 * once when nobody subscribes (an orphan), and nothing within the timeout
 * when somebody does (the streamer ignores the empty probe). Returns how many
 * rules were removed. Never throws: a sweep that cannot run leaves the rules
 * to their TTL.
 *
 * A replica cut off from NATS at the moment of the sweep looks like an
 * orphan too, and its tail ends with `ended: "removed"`.
 */
export async function sweepOrphanTails(options: OrphanSweepOptions): Promise<number> {
  const { link, store, now, warn } = options
  try {
    const orphans: Array<{ service: string; id: string }> = []
    for (const service of await store.services()) {
      let rules: Awaited<ReturnType<DesiredStore['read']>>['state']['rules']
      try {
        rules = (await store.read(service)).state.rules
      } catch (err) {
        warn(`tail sweep: skipped ${service}: ${errorMessage(err)}`)
        continue
      }
      const tails = rules.filter((r) => r.tail !== undefined && !isExpired(r, now()) && !options.isOurs(service, r.id))
      const probes = await Promise.all(
        tails.map(async (rule) => {
          const outcome = await link.request(
            subjects.tail(service, rule.id, PROBE_INSTANCE),
            new Uint8Array(),
            PROBE_TIMEOUT_MS,
          )
          return outcome.kind === 'no-responders' ? rule.id : undefined
        }),
      )
      for (const id of probes) if (id) orphans.push({ service, id })
    }
    let removed = 0
    for (const { service, id } of orphans) {
      const change = await store.change(service, ({ state }) => {
        const next = state.rules.filter((rule) => rule.id !== id)
        return { state: next.length === state.rules.length ? undefined : { ...state, rules: next }, result: undefined }
      })
      if (change.written) removed++
    }
    return removed
  } catch (err) {
    warn(`tail sweep: could not finish (orphan tail rules end at their TTL): ${errorMessage(err)}`)
    return 0
  }
}
