import { Writable } from 'node:stream'

/** A log line as pino writes it, parsed. */
export type LogLine = Record<string, unknown> & { level: number; msg?: string; logger?: string }

/**
 * A real Writable that keeps what pino writes to it, so tests read the log
 * lines back as JSON instead of scraping stdout.
 */
export function lineSink(): { stream: Writable; lines: () => LogLine[]; clear: () => void } {
  let text = ''
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk)
      done()
    },
  })
  return {
    stream,
    lines: () =>
      text
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as LogLine),
    clear: () => {
      text = ''
    },
  }
}
