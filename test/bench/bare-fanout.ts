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
  let count = 0
  let done: ((at: number) => void) | undefined
  const sub = nc.subscribe(options.reply, {
    callback: (_err, msg) => {
      if (msg.data.length !== 4 || new DataView(msg.data.buffer, msg.data.byteOffset).getUint32(0) !== seq) return
      if (++count === options.expected) done?.(performance.now())
    },
  })
  await nc.flush()
  const samples: number[] = []
  try {
    for (let round = 0; round < options.warmup + options.rounds; round++) {
      seq++
      count = 0
      const payload = new Uint8Array(4)
      new DataView(payload.buffer).setUint32(0, seq)
      let timer: NodeJS.Timeout | undefined
      const finished = new Promise<number>((resolve, reject) => {
        done = resolve
        timer = setTimeout(
          () =>
            reject(
              new Error(`fan-out round ${round}: ${count}/${options.expected} echoes after ${options.timeoutMs} ms`),
            ),
          options.timeoutMs,
        )
      })
      const start = performance.now()
      await options.trigger(payload)
      const end = await finished.finally(() => clearTimeout(timer))
      if (round >= options.warmup) samples.push(end - start)
      await sleep(options.pauseMs)
    }
  } finally {
    sub.unsubscribe()
  }
  return samples
}
