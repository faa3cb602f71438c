/**
 * checkout: an example HTTP service embedding the prodbench SDK.
 *
 *   NATS_URL=nats://127.0.0.1:4222 PORT=3000 node --import tsx examples/checkout/main.ts
 *
 * Env: NATS_URL (omit to run without a control plane), PORT (default 3000,
 * 0 picks a free port), HOST (default 127.0.0.1). Logs are pino JSON on stdout.
 *
 * Histograms (µs), streamed while a capture covers them (`ctl capture start`):
 * http.server.duration and http.server.duration.<route>.<status class> (from
 * pb.httpHandler), db.query.duration, db.pool.wait, payments.charge.duration.
 * Counters: orders.placed, orders.payments {payment=authorized|declined|timeout}.
 * Gauges: db.pool.in_use and db.pool.waiting (set by the pool), carts.open (read when needed).
 */

import type { AddressInfo } from 'node:net'
import { init } from '@prodbench/sdk'
import { ConnectionPool } from './db-pool.js'
import { Database } from './fake-db.js'
import { PaymentProvider } from './fake-payments.js'
import { checkoutInstruments, poolGauges } from './instruments.js'
import { checkoutRoutes } from './routes.js'
import { createCheckoutServer } from './server.js'
import { Store } from './store.js'

const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST || '127.0.0.1'
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`PORT must be a port number (0 for a free one), got "${process.env.PORT}"`)
  process.exit(2)
}

// Loggers and instruments are made once, here, and handed down: the names are what
// operators target with `ctl set-level svc=checkout debug logger=db` and
// `ctl capture start svc=checkout metric=db.query.duration`.
const pb = init({ service: 'checkout', nats: process.env.NATS_URL || undefined })
const log = pb.logger()
const httpLog = pb.logger('http')
const pool = new ConnectionPool(pb.logger('db.pool'), pb.histogram('db.pool.wait', { unit: 'us' }), {
  size: 5,
  ...poolGauges(pb),
})
const store = new Store(new Database(pb.logger('db'), pool, pb.histogram('db.query.duration', { unit: 'us' })))
const payments = new PaymentProvider(pb.logger('payments'), pb.histogram('payments.charge.duration', { unit: 'us' }))
const counters = checkoutInstruments(pb, store)
const server = createCheckoutServer(
  checkoutRoutes({
    store,
    pool,
    payments,
    log,
    counters,
    assert: (condition, message, context) => pb.assert(condition, message, context),
    health: () => {
      const status = pb.status()
      return {
        service: status.service,
        instance: status.instance,
        prodbench: { connection: status.connection, revision: status.revision },
      }
    },
  }),
  httpLog,
  pb,
)

// A sanity check: `ctl checks svc=checkout`, `ctl check run svc=checkout name=db-ping`.
pb.check('db-ping', () => pool.ping(), { every: '30s', timeout: '2s' })

// The levels the control plane wants are in place before the first request.
await pb.ready()
server.once('error', async (error) => {
  log.fatal({ err: error, host, port }, 'cannot listen')
  await pb.close()
  process.exitCode = 1
})
server.listen(port, host, () => {
  const url = `http://${host}:${(server.address() as AddressInfo).port}`
  const status = pb.status()
  httpLog.info({ url, instance: status.instance, control: status.connection }, `listening on ${url}`)
})

let stoppingSince = 0
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stoppingSince > 0) {
    // npm and the terminal both forward one Ctrl-C; only a later, second one means "now".
    if (Date.now() - stoppingSince < 1_000) return
    log.warn({ signal }, 'second signal: exiting now')
    process.exit(1)
  }
  stoppingSince = Date.now()
  log.info({ signal }, 'shutting down')
  // If something still holds the loop after close, do not hang the terminal.
  setTimeout(() => {
    log.error('shutdown took over 5 s: exiting')
    process.exit(1)
  }, 5_000).unref()
  // close() stops accepting and drops idle keep-alive sockets; in-flight requests finish.
  await new Promise<void>((resolve) => server.close(() => resolve()))
  pool.close()
  log.info('stopped')
  await pb.close()
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
