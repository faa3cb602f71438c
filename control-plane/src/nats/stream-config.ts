import { DiscardPolicy, type JetStreamManager, RetentionPolicy, StorageType, type StreamConfig } from 'nats'
import { JS_STREAM_NOT_FOUND, jetStreamCode, retryCreateRace } from './nats-errors.js'

/** How a stream is created (and its limits updated when they differ). */
export interface StreamOptions {
  /** Stream name, e.g. `PRODBENCH_INCIDENTS`. */
  readonly name: string
  /** Subjects it captures (wildcards allowed). */
  readonly subjects: readonly string[]
  /** Messages older than this are dropped by the server. */
  readonly maxAgeMs: number
  /** Past this size the oldest messages are dropped. */
  readonly maxBytes: number
  /** Largest message the stream accepts. */
  readonly maxMsgSize: number
  /** Stream replicas (1 for a single server, 3 for an R3 cluster). */
  readonly replicas: number
  readonly description: string
}

/** The limits {@link ensureStream} brings an existing stream to. */
export type StreamLimit = 'max_age' | 'max_bytes' | 'max_msg_size'

/**
 * Creates the file-backed, limits-retention stream `options` describes when
 * missing, with `extra` config on top (the kind of stream); when it exists,
 * updates the `limits` that differ from the options. Internal to nats/.
 */
export async function ensureStream(
  jsm: JetStreamManager,
  options: StreamOptions,
  extra: Partial<StreamConfig>,
  limits: readonly StreamLimit[],
): Promise<void> {
  const wanted: Partial<StreamConfig> = {
    name: options.name,
    description: options.description,
    subjects: [...options.subjects],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: options.maxAgeMs * 1_000_000,
    max_bytes: options.maxBytes,
    max_msg_size: options.maxMsgSize,
    num_replicas: options.replicas,
    ...extra,
  }
  // Control planes starting together race to add it: the loser looks again and finds it.
  await retryCreateRace(async () => {
    try {
      const info = await jsm.streams.info(options.name)
      const c = info.config
      if (limits.some((limit) => c[limit] !== wanted[limit])) {
        // Limits are the operator's choice of the moment: the newest control plane's options win.
        const updated = Object.fromEntries(limits.map((limit) => [limit, wanted[limit] as number]))
        await jsm.streams.update(options.name, { ...c, ...updated })
      }
      return
    } catch (err) {
      if (jetStreamCode(err) !== JS_STREAM_NOT_FOUND) throw err
    }
    await jsm.streams.add(wanted)
  })
}
