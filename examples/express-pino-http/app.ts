/**
 * An orders API on Express 5 with pino-http, its logger adopted by prodbench:
 * pino-http's `request completed` lines and the per-request `req.log` follow
 * the levels the control plane sets for the logger `http`, and
 * `--where user=...` rules target one user's requests.
 *
 * The adoption is three lines:
 * - `app.use(pb.expressMiddleware())` first: every middleware and handler
 *   after it runs in the SDK's request context (route, method, trace), and
 *   each request's duration goes into `http.server.duration`;
 * - `pinoHttp({ logger: pb.adopt(pino(...), 'http') })`: pino-http makes a
 *   child of it per request, and children follow the adopted logger's level;
 * - `pb.setContext({ user })` where the app authenticates the request.
 */

import { randomUUID } from 'node:crypto'
import type { Prodbench } from '@prodbench/sdk'
import express, { type NextFunction, type Request, type Response } from 'express'
import pino, { type DestinationStream } from 'pino'
import { pinoHttp } from 'pino-http'

/** Options of {@link createOrdersApp}. */
export interface OrdersAppOptions {
  /**
   * Where the app's own pino logger writes (tests pass a memory stream).
   * @default stdout
   */
  destination?: DestinationStream
}

/** One order, as the API returns it. */
export interface Order {
  readonly id: string
  readonly user: string
  readonly item: string
  readonly quantity: number
}

const USER_ID = /^[A-Za-z0-9_-]{1,64}$/

/** Builds the Express app; it does not listen yet (`app.listen(...)`). */
export function createOrdersApp(pb: Prodbench, options: OrdersAppOptions = {}): express.Express {
  const pinoOptions = { level: 'info', redact: ['req.headers.authorization'] }
  const logger = options.destination ? pino(pinoOptions, options.destination) : pino(pinoOptions)
  // A module's logger, made at startup before the adoption below: it follows `http` too.
  const audit = logger.child({ module: 'orders' })
  const orders = new Map<string, Order>()

  const app = express()
  app.use(pb.expressMiddleware())
  app.use(pinoHttp({ logger: pb.adopt(logger, 'http') }))
  app.use(express.json({ limit: '16kb' }))
  app.use(authenticate)

  app.get('/orders', (req, res) => {
    const mine = [...orders.values()].filter((order) => order.user === res.locals.user)
    req.log.debug({ count: mine.length }, 'listing orders')
    res.json({ orders: mine })
  })

  app.get('/orders/:id', (req, res) => {
    const order = orders.get(req.params.id)
    if (!order || order.user !== res.locals.user) {
      req.log.debug({ id: req.params.id }, 'order not found')
      res.status(404).json({ error: 'not-found', message: `no order ${req.params.id}` })
      return
    }
    res.json(order)
  })

  app.post('/orders', (req, res) => {
    const { item, quantity } = (req.body ?? {}) as { item?: unknown; quantity?: unknown }
    if (typeof item !== 'string' || item === '' || !Number.isInteger(quantity) || (quantity as number) < 1) {
      res.status(400).json({ error: 'bad-request', message: 'body must be {"item": string, "quantity": integer >= 1}' })
      return
    }
    req.log.debug({ item, quantity }, 'placing order')
    const order: Order = { id: randomUUID(), user: res.locals.user as string, item, quantity: quantity as number }
    orders.set(order.id, order)
    audit.info({ orderId: order.id }, 'order placed')
    res.status(201).json(order)
  })

  return app

  function authenticate(req: Request, res: Response, next: NextFunction): void {
    // A real service takes the user from its session or token; this one trusts a header.
    const user = req.headers['x-user-id']
    if (typeof user !== 'string' || !USER_ID.test(user)) {
      res.status(401).json({ error: 'unauthenticated', message: 'x-user-id header required' })
      return
    }
    res.locals.user = user
    pb.setContext({ user })
    next()
  }
}
