/**
 * orders (Express + pino-http): the example in app.ts, listening.
 *
 *   NATS_URL=nats://127.0.0.1:4222 PORT=3000 node --import tsx examples/express-pino-http/main.ts
 *   curl -H 'x-user-id: u-42' localhost:3000/orders
 *   ctl set-level svc=orders debug --where user=u-42 --ttl 15m
 *
 * Env: NATS_URL (omit to run without a control plane), PORT (default 3000, 0
 * picks a free port), HOST (default 127.0.0.1). Logs are pino JSON on stdout.
 */

import type { AddressInfo } from 'node:net'
import { init } from '@prodbench/sdk'
import { createOrdersApp } from './app.js'

const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST || '127.0.0.1'
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`PORT must be a port number (0 for a free one), got "${process.env.PORT}"`)
  process.exit(2)
}

const pb = init({ service: 'orders', nats: process.env.NATS_URL || undefined })
const log = pb.logger()
const app = createOrdersApp(pb)
// The levels the control plane wants are in place before the first request.
await pb.ready()
const server = app.listen(port, host, (error) => {
  if (error) {
    log.fatal({ err: error, host, port }, 'cannot listen')
    void pb.close()
    process.exitCode = 1
    return
  }
  log.info(`listening on http://${host}:${(server.address() as AddressInfo).port}`)
})

async function shutdown(signal: NodeJS.Signals): Promise<void> {
  log.info({ signal }, 'shutting down')
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await pb.close()
}
process.once('SIGINT', shutdown)
process.once('SIGTERM', shutdown)
