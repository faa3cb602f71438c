import { Writable } from 'node:stream'
import { init, type Prodbench, type SdkOptions } from '../../sdk/src/index.js'

/** One SDK instance in the test process, with its log lines collected. */
export interface TestInstance {
  readonly pb: Prodbench
  /** Parsed log lines, oldest first. */
  readonly lines: Array<Record<string, unknown>>
  /** Lines of one logger at one level (pino's numeric level). */
  linesOf(logger: string, level: number): Array<Record<string, unknown>>
}

/**
 * Starts an SDK instance that logs into memory and is closed when the test
 * ends. Short heartbeat and reconnect waits keep the tests fast.
 */
export function startInstance(
  options: Partial<SdkOptions> & { service: string; instance: string },
  t?: { after(fn: () => Promise<void>): void },
): TestInstance {
  const lines: Array<Record<string, unknown>> = []
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line))
      done()
    },
  })
  const pb = init({ heartbeatIntervalMs: 500, reconnectTimeWaitMs: 100, destination, ...options })
  t?.after(() => pb.close())
  return {
    pb,
    lines,
    linesOf: (logger, level) => lines.filter((line) => line.logger === logger && line.level === level),
  }
}

export { eventually } from './eventually.js'
