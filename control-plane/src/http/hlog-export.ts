import { EventEmitter } from 'node:events'
import type { ServerResponse } from 'node:http'
import type { HistogramWindowInput, HistogramWindowMessage } from '@prodbench/proto'
import { HlogWriter } from '../ctl/hlog-writer.js'
import { WindowAssembler } from '../ctl/window-groups.js'
import { MAX_WINDOWS, parseWatchHistogram } from '../grpc/requests.js'
import type { HistogramHub, WatchCall } from '../histograms/index.js'

/** What to export: a capture's windows of one metric. */
export interface HlogExport {
  readonly service: string
  readonly metric: string
  /** The capture; absent: the newest active capture covering the metric. */
  readonly captureId: string | undefined
}

/**
 * Answers a standard .hlog (the same HlogWriter as `ctl hist watch --hlog`)
 * of the windows of a running capture that the control plane keeps for a
 * watch's backlog: the merged view untagged, one `Tag=<instance>` line per
 * instance. The windows are taken by a watch that reads its backlog and
 * leaves at once, so the export goes through the hub like any watch.
 * @throws {NotFoundError} when no active capture covers the metric
 */
export async function exportHlog(hub: HistogramHub, response: ServerResponse, what: HlogExport): Promise<undefined> {
  const input = parseWatchHistogram({
    service: what.service,
    metric: what.metric,
    captureId: what.captureId ?? '',
    perInstance: true,
    backlog: MAX_WINDOWS,
  })
  const messages: HistogramWindowInput[] = []
  const events = new EventEmitter()
  let cancelled = false
  const call: WatchCall = {
    get cancelled() {
      return cancelled
    },
    write: (message) => messages.push(message) > 0,
    once: (event, listener) => events.once(event, listener),
    end: () => {},
    fail: () => {},
  }
  // The backlog is written during watch(), in the same tick as the registration.
  await hub.watch(input, call)
  cancelled = true
  events.emit('cancelled')

  const assembler = new WindowAssembler(true)
  const groups = messages.flatMap((m) => assembler.push(m as HistogramWindowMessage))
  groups.push(...assembler.flush())
  let text = ''
  const writer = new HlogWriter((chunk) => {
    text += chunk
  })
  for (const group of groups) writer.write(group)
  if (!writer.started) writer.start(Date.now(), { service: input.service, metric: input.metric })
  const file = `${input.service}-${input.metric}${input.captureId ? `-${input.captureId}` : ''}.hlog`.replace(
    /[^\w.-]/g,
    '_',
  )
  response.writeHead(200, {
    'content-type': 'text/plain; charset=utf-8',
    'content-disposition': `attachment; filename="${file}"`,
    'cache-control': 'no-store',
  })
  response.end(text)
  return undefined
}
