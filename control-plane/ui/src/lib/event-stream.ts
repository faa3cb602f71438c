import { reportUnauthenticated } from './session.js'
import type { ErrorBody } from './types.js'

/** What a stream's owner hears. */
export interface StreamHandlers {
  /** One event with its JSON data. */
  onEvent(event: string, data: unknown): void
  /** Connection state: `open`, `retrying` (lost, trying again), `failed` (not retried), `ended`. */
  onState?(state: 'open' | 'retrying' | 'failed' | 'ended', error?: ErrorBody): void
}

const RETRY_MIN_MS = 1_000
const RETRY_MAX_MS = 10_000

/**
 * Reads a Server-Sent Events stream with fetch rather than EventSource:
 * fetch can carry an Authorization header (tokens must never go in a URL)
 * and can read the JSON body of a refused stream. A dropped connection is
 * retried with backoff; an `end` or `error` event, or an answer that is not
 * a stream (400, 404), ends it for good. Returns a function that stops it.
 */
export function openEventStream(
  url: string,
  handlers: StreamHandlers,
  options: { headers?: Record<string, string>; retry?: boolean } = {},
): () => void {
  const aborter = new AbortController()
  let delay = RETRY_MIN_MS
  let finished = false
  const finish = (state: 'failed' | 'ended', error?: ErrorBody) => {
    if (finished) return
    finished = true
    handlers.onState?.(state, error)
    aborter.abort()
  }

  const run = async () => {
    let lost: ErrorBody | undefined
    while (!aborter.signal.aborted) {
      try {
        const response = await fetch(url, {
          headers: { accept: 'text/event-stream', ...options.headers },
          signal: aborter.signal,
        })
        const type = response.headers.get('content-type') ?? ''
        if (!response.ok || !type.startsWith('text/event-stream') || !response.body) {
          const body = (await response.json().catch(() => ({}))) as Partial<ErrorBody>
          const error = { code: body.code ?? 'PB_INTERNAL', message: body.message ?? response.statusText }
          if (response.status === 401) reportUnauthenticated(error.message)
          // A server in trouble may recover; a request it refused will not.
          if (response.status >= 500) throw Object.assign(new Error(error.message), { body: error })
          return finish('failed', error)
        }
        delay = RETRY_MIN_MS
        handlers.onState?.('open')
        await readEvents(response.body, (event, data) => {
          if (event === 'end') return finish('ended')
          if (event === 'error') return finish('failed', data as ErrorBody)
          handlers.onEvent(event, data)
        })
      } catch (err) {
        if (aborter.signal.aborted) return
        lost = (err as { body?: ErrorBody }).body
      }
      if (aborter.signal.aborted) return
      // A stream whose end means something (a tail) is not opened again behind the viewer's back.
      if (options.retry === false)
        return finish('failed', lost ?? { code: 'PB_UNAVAILABLE', message: 'the stream was cut' })
      handlers.onState?.('retrying', lost)
      lost = undefined
      await new Promise((resolve) => setTimeout(resolve, delay))
      delay = Math.min(RETRY_MAX_MS, delay * 2)
    }
  }
  void run()
  return () => {
    finished = true
    aborter.abort()
  }
}

/** Parses the SSE wire format: `event:` and `data:` lines, a blank line ends an event. */
async function readEvents(body: ReadableStream<Uint8Array>, emit: (event: string, data: unknown) => void) {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) return
    buffer += decoder.decode(value, { stream: true })
    let end = buffer.indexOf('\n\n')
    while (end >= 0) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      end = buffer.indexOf('\n\n')
      let event = 'message'
      const data: string[] = []
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim()
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart())
      }
      if (data.length === 0) continue
      try {
        emit(event, JSON.parse(data.join('\n')))
      } catch {
        // A malformed event is skipped; the stream goes on.
      }
    }
  }
}
