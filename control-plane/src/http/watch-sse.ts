import { EventEmitter } from 'node:events'
import type { ProdbenchError } from '../errors.js'
import type { WatchCall } from '../histograms/index.js'
import { errorBody } from './http-errors.js'
import type { SseStream } from './sse-stream.js'

/**
 * A hub watch (WatchHistogram, WatchMetrics) delivered over SSE: the same
 * WatchCall the gRPC server hands the hubs, so the bounded queue, backlog and
 * end-of-capture handling are the hubs' own. Each message is a `window`
 * event; the capture ending is an `end` event, a failure an `error` event
 * (`{code, message, ...}`), and the stream then closes.
 */
export function watchCallOverSse<T>(stream: SseStream, view: (message: T) => unknown): WatchCall<T> {
  const events = new EventEmitter()
  let cancelled = false
  stream.onClose(() => {
    if (cancelled) return
    cancelled = true
    events.emit('cancelled')
  })
  return {
    get cancelled() {
      return cancelled
    },
    write(message) {
      const ok = stream.send('window', view(message))
      if (!ok && !stream.closed) stream.onDrain(() => events.emit('drain'))
      return ok || stream.closed
    },
    once(event, listener) {
      return events.once(event, listener)
    },
    end() {
      stream.send('end', {})
      stream.close()
    },
    fail(error: ProdbenchError) {
      stream.send('error', errorBody(error))
      stream.close()
    },
  }
}
