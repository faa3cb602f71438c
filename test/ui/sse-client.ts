/** One Server-Sent Event as received. */
export interface SseEvent {
  readonly event: string
  readonly data: unknown
}

/** A test's view of an SSE stream: every event so far, a way to wait for one, and how it ended. */
export interface SseClient {
  readonly status: number
  readonly contentType: string
  readonly events: SseEvent[]
  /** True once the server ended the stream. */
  readonly ended: boolean
  /** Resolves with the first event (already received or to come) that `match` accepts. */
  next(match: (e: SseEvent) => boolean, timeoutMs?: number, what?: string): Promise<SseEvent>
  /** Waits until the server ended the stream. */
  closed(timeoutMs?: number): Promise<void>
  /** Disconnects (a viewer closing the page). Idempotent. */
  close(): void
}

/**
 * Opens `url` as an SSE stream with fetch, like the UI does, and parses the
 * events as they come. With `t`, it is closed when the test ends.
 */
export async function openSse(url: string, t?: { after(fn: () => void): void }): Promise<SseClient> {
  const aborter = new AbortController()
  t?.after(() => aborter.abort())
  const response = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: aborter.signal })
  const events: SseEvent[] = []
  const waiters = new Set<() => void>()
  let ended = false
  const wake = () => {
    for (const waiter of [...waiters]) waiter()
  }
  void (async () => {
    if (!response.body) return
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true })
        let end = buffer.indexOf('\n\n')
        while (end >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          end = buffer.indexOf('\n\n')
          let event = 'message'
          let data: string | undefined
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) event = line.slice(6).trim()
            if (line.startsWith('data:')) data = line.slice(5).trim()
          }
          if (data !== undefined) events.push({ event, data: JSON.parse(data) })
        }
        wake()
      }
    } catch {
      // Aborted by close().
    }
    ended = true
    wake()
  })()

  const wait = (ready: () => boolean, timeoutMs: number, what: string) =>
    new Promise<void>((resolve, reject) => {
      if (ready()) return resolve()
      const timer = setTimeout(() => {
        waiters.delete(check)
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${what}; got ${events.map((e) => e.event).join(', ') || 'no event'}`,
          ),
        )
      }, timeoutMs)
      const check = () => {
        if (!ready()) return
        clearTimeout(timer)
        waiters.delete(check)
        resolve()
      }
      waiters.add(check)
    })

  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    events,
    get ended() {
      return ended
    },
    async next(match, timeoutMs = 10_000, what = 'an event') {
      await wait(() => events.some(match), timeoutMs, what)
      return events.find(match) as SseEvent
    },
    closed: (timeoutMs = 10_000) => wait(() => ended, timeoutMs, 'the end of the stream'),
    close: () => aborter.abort(),
  }
}
