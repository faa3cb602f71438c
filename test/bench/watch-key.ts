import type { KvEntry, NatsConnection } from 'nats'

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
