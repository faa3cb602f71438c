import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import type { NatsConnection } from 'nats'

/** How to run one bare fan-out measurement. */
export interface FanoutOptions {
  /** Subject every echoing connection publishes its copy back to. */
  reply: string
  /** Echoes that make a round complete (the number of connections). */
  expected: number
  /** Measured rounds. */
  rounds: number
  /** Unmeasured rounds first. */
  warmup: number
  /** Pause between rounds, the same as between SetRule calls. */
  pauseMs: number
  /** A round fails when not complete after this long. */
  timeoutMs: number
  /** Sends `payload` to the fleet: a plain publish, or a KV put. */
  trigger: (payload: Uint8Array) => Promise<unknown> | undefined
  /**
   * How an echo names its round, when it is not the 4-byte round number the
   * payload carried: `keyOf` reads an echo, `keyAfter` turns what `trigger`
   * resolved with (a KV put's revision) into this round's key. Echoes may
   * arrive before the trigger resolves: they are counted by key meanwhile.
   */
  echoes?: { keyOf(data: Uint8Array): number | undefined; keyAfter(triggered: unknown): number }
}

/** The default: the echo is the payload, a big-endian 4-byte round number. */
function roundNumber(data: Uint8Array): number | undefined {
  return data.length === 4 ? new DataView(data.buffer, data.byteOffset).getUint32(0) : undefined
}

/**
 * Times, per round, from just before `trigger` until the `expected`-th echo
 * of that round's payload arrived back on `reply` at this connection: one
 * message out to every connection and one back from each, the bare shape
 * of "change → every instance applies → every ack collected".
 * @returns the measured rounds in ms
 */
export async function measureFanout(nc: NatsConnection, options: FanoutOptions): Promise<number[]> {
  let seq = 0
  /** The key this round's echoes carry; undefined until the trigger said it. */
  let key: number | undefined
  const counts = new Map<number, number>()
  let done: ((at: number) => void) | undefined
  const keyOf = options.echoes?.keyOf ?? roundNumber
  const sub = nc.subscribe(options.reply, {
    callback: (_err, msg) => {
      const echoKey = keyOf(msg.data)
      if (echoKey === undefined) return
      const count = (counts.get(echoKey) ?? 0) + 1
      counts.set(echoKey, count)
      if (echoKey === key && count === options.expected) done?.(performance.now())
    },
  })
  await nc.flush()
  const samples: number[] = []
  try {
    for (let round = 0; round < options.warmup + options.rounds; round++) {
      seq++
      key = options.echoes ? undefined : seq
      counts.clear()
      const payload = new Uint8Array(4)
      new DataView(payload.buffer).setUint32(0, seq)
      let timer: NodeJS.Timeout | undefined
      const finished = new Promise<number>((resolve, reject) => {
        done = resolve
        timer = setTimeout(
          () =>
            reject(
              new Error(
                `fan-out round ${round}: ${counts.get(key ?? -1) ?? 0}/${options.expected} echoes after ${options.timeoutMs} ms`,
              ),
            ),
          options.timeoutMs,
        )
      })
      const start = performance.now()
      const triggered = await options.trigger(payload)
      if (options.echoes) {
        key = options.echoes.keyAfter(triggered)
        if (counts.get(key) === options.expected) done?.(performance.now())
      }
      const end = await finished.finally(() => clearTimeout(timer))
      if (round >= options.warmup) samples.push(end - start)
      await sleep(options.pauseMs)
    }
  } finally {
    sub.unsubscribe()
  }
  return samples
}
