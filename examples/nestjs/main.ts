/**
 * orders (NestJS + nestjs-pino): the example in app.ts, listening. Run it from
 * this folder, so tsx compiles the decorators with this folder's tsconfig.json
 * (`experimentalDecorators`):
 *
 *   cd examples/nestjs && NATS_URL=nats://127.0.0.1:4222 PORT=3000 node --import tsx main.ts
 *   curl -H 'x-user-id: u-42' localhost:3000/orders
 *   ctl set-level svc=orders debug --where user=u-42 --ttl 15m
 *
 * Env: NATS_URL (omit to run without a control plane), PORT (default 3000, 0
 * picks a free port), HOST (default 127.0.0.1). Logs are pino JSON on stdout.
 */

import { init } from '@prodbench/sdk'
import { Logger } from 'nestjs-pino'
import { createOrdersApp } from './app.js'

const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST || '127.0.0.1'
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`PORT must be a port number (0 for a free one), got "${process.env.PORT}"`)
  process.exit(2)
}

const pb = init({ service: 'orders', nats: process.env.NATS_URL || undefined })
const app = await createOrdersApp(pb)
// The levels the control plane wants are in place before the first request.
await pb.ready()
await app.listen(port, host)
app.get(Logger).log(`listening on ${await app.getUrl()}`, 'main')

async function shutdown(): Promise<void> {
  await app.close()
  await pb.close()
}
process.once('SIGINT', shutdown)
process.once('SIGTERM', shutdown)
