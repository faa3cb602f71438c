/**
 * Child process of the flood benchmark: a node:http service with the SDK
 * whose every request logs 20 debug records and one info record, writing to
 * a real file through pino's asynchronous destination. The level and the
 * budget come from the mode. Prints `{ port }` once listening, then, on
 * `stop` over IPC, what its destination took and what the budget dropped,
 * as one JSON line.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { init, type SdkOptions } from '@prodbench/sdk'
import pino from 'pino'

const [mode = 'info', file = ''] = process.argv.slice(2)

const MODES: Record<string, Pick<SdkOptions, 'level' | 'budget'>> = {
  /** Debug off, nothing limited: the service as it would run without the SDK's budget. */
  info: { level: 'info', budget: false },
  /** Debug off, the SDK's default budget (10,000 records/s, 10 MiB/s). */
  'info+budget': { level: 'info' },
  /** Debug on for every logger, no budget: the whole flood reaches the destination. */
  debug: { level: 'debug', budget: false },
  /** Debug on, the default budget. */
  'debug+budget': { level: 'debug' },
}
const options = MODES[mode]
if (!options) throw new Error(`unknown mode ${mode}: use ${Object.keys(MODES).join(', ')}`)

const destination = pino.destination({ dest: file, sync: false, minLength: 4_096 })
const pb = init({ service: 'flood', destination, flightRecorder: false, ...options })
const log = pb.logger('cart')

const server = createServer(
  pb.httpHandler((req, res) => {
    const orderId = req.url?.length ?? 0
    for (let step = 0; step < 20; step++) log.debug({ orderId, step, sku: 'sku-12345' }, 'cart step')
    log.info({ orderId, total: 4_200 }, 'order priced')
    res.end('ok')
  }),
)
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port })
})

process.on('message', (message: { type: string }) => {
  if (message.type !== 'stop') return
  server.close()
  server.closeAllConnections()
  const logs = pb.status().logs
  destination.flushSync()
  const dropped = logs.dropped.reduce((sum, d) => sum + d.count, 0)
  process.send?.({ done: true, dropped })
  void pb.close().finally(() => {
    destination.end()
    process.disconnect()
  })
})
