import type { ServerWritableStream } from '@grpc/grpc-js'
import type { TailEventInput, TailRequest } from '@prodbench/proto'
import type { ControlApi } from '../api/control-api.js'
import { type ProdbenchError, toProdbenchError } from '../errors.js'
import { parseTail } from './requests.js'

/**
 * The Tail call: opens a tail through the API and writes its events as the
 * transport takes them. While the transport is full the session's own
 * bounded queue absorbs (and counts) what the viewer cannot take, so nothing
 * here grows. The client cancelling (or disconnecting) removes the tail's
 * rule; a failure before the first event ends the call with the status from
 * the one error table.
 */
export function streamTail(
  call: ServerWritableStream<TailRequest, TailEventInput>,
  api: ControlApi,
  author: string,
  fail: (error: ProdbenchError) => void,
  onInternalError: (err: unknown) => void,
): void {
  const viewer = new AbortController()
  call.once('cancelled', () => viewer.abort())
  Promise.resolve()
    .then(async () => {
      const session = await api.tail(parseTail(call.request), author, viewer.signal)
      // `break` and a throw both end the iteration, which closes the session (the rule goes).
      for await (const event of session) {
        if (call.cancelled) break
        if (!call.write(event)) await drained(call)
      }
      if (!call.cancelled) call.end()
    })
    .catch((err: unknown) => {
      const error = toProdbenchError(err)
      if (error.code === 'PB_INTERNAL') onInternalError(err)
      if (!call.cancelled) fail(error)
    })
}

/** Resolves when the call can take more, or when it is cancelled (then nothing more is written). */
function drained(call: ServerWritableStream<TailRequest, TailEventInput>): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      call.off('drain', done)
      call.off('cancelled', done)
      resolve()
    }
    call.once('drain', done)
    call.once('cancelled', done)
  })
}
