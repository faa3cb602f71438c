import { codecs } from '@prodbench/proto'
import { DesiredState, resolve } from '@prodbench/sdk/core'
import type { KvEntry, NatsConnection } from 'nats'

// The benchmarks' floors: bare watchers following a key as the SDK does, and what the
// apply floor does with each value.

/**
 * Has each of `connections` follow KV `bucket`/`key` with the calls the SDK
 * makes to follow its key (sdk/src/control/nats-link.ts), handing every entry
 * to `onEntry`: the watchers of the benchmarks' floors. Resolves once every
 * watch is known to the server.
 */
export async function watchKey(
  connections: readonly NatsConnection[],
  bucket: string,
  key: string,
  onEntry: (nc: NatsConnection, index: number, entry: KvEntry) => void,
): Promise<void> {
  await Promise.all(
    connections.map(async (nc, index) => {
      const kv = await nc.jetstream().views.kv(bucket, { bindOnly: true })
      const watcher = await kv.watch({ key })
      ;(async () => {
        for await (const entry of watcher) onEntry(nc, index, entry)
      })().catch((err) => console.error(`kv watcher ${index}:`, err))
    }),
  )
  await Promise.all(connections.map((nc) => nc.flush()))
}

/**
 * What the apply floor does with a value of the desired-state key of
 * `service`: the SDK's own decode, zod validation and resolve() for instance
 * `instance`, then a minimal ack (identity, revision, config hash), encoded.
 * The work any correct SDK does per change, without loggers or bookkeeping.
 */
export function minimalAck(service: string, instance: string, startedAt: number, entry: KvEntry): Uint8Array {
  const identity = { service, instance, host: 'bench', pid: process.pid, startedAt }
  const state = DesiredState.parse(codecs.desiredState.decode(entry.value))
  const config = resolve(state, identity, Date.now(), entry.revision)
  const applied = { revision: entry.revision, configHash: config.hash }
  return codecs.ack.encode({ identity, revision: entry.revision, ok: true, applied, at: Date.now() })
}

/**
 * Round `round`'s desired state of `service` for a floor: logger db at debug,
 * then info, the rule SetRule writes in the same benchmarks.
 */
export function dbLevelState(service: string, round: number): Uint8Array {
  const now = Date.now()
  return codecs.desiredState.encode({
    service,
    rules: [
      {
        id: `floor-${round}`,
        selector: { service, logger: 'db' },
        level: round % 2 === 0 ? 'debug' : 'info',
        createdAt: now,
        author: 'bench',
        reason: 'benchmark',
      },
    ],
    updatedAt: now,
  })
}
