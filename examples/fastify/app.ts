/**
 * An orders API on Fastify 5, with its own pino logger adopted by prodbench:
 * Fastify's request logs (`incoming request`, `request completed`, the
 * per-request `request.log`) follow the levels the control plane sets for the
 * logger `http`, and `--where user=...` rules target one user's requests.
 *
 * Three things make the adoption, each one line:
 * - `loggerInstance: pb.adopt(pino(...), 'http')`: Fastify makes a child of
 *   it per request, and children follow the adopted logger's level;
 * - `serverFactory` wrapping Fastify's node:http listener in `pb.httpHandler`:
 *   every request, hooks and handler included, runs in the SDK's request
 *   context, and its duration goes into `http.server.duration`;
 * - `pb.setContext({ user })` in an `onRequest` hook, where the app learns who
 *   the request is for.
 */

import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { Prodbench } from '@prodbench/sdk'
import Fastify from 'fastify'
import pino, { type DestinationStream } from 'pino'

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

/** Builds the Fastify app; it does not listen yet (`app.listen(...)`). */
export function createOrdersApp(pb: Prodbench, options: OrdersAppOptions = {}) {
  const pinoOptions = { level: 'info', redact: ['req.headers.authorization'] }
  const logger = options.destination ? pino(pinoOptions, options.destination) : pino(pinoOptions)
  // Route templates as Fastify matched them, read by the SDK when a response
  // finishes: metrics go by `/orders/:id`, not by every id.
  const templates = new WeakMap<IncomingMessage, string>()

  const app = Fastify({
    loggerInstance: pb.adopt(logger, 'http'),
    serverFactory: (handler) => createServer(pb.httpHandler(handler, { route: (req) => templates.get(req) })),
  })
  // Made once at startup, like a plugin's logger: it follows `http` too.
  const audit = app.log.child({ module: 'orders' })
  const orders = new Map<string, Order>()
  app.decorateRequest('user', '')

  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url) templates.set(request.raw, request.routeOptions.url)
    // A real service takes the user from its session or token; this one trusts a header.
    const user = request.headers['x-user-id']
    if (typeof user !== 'string' || !USER_ID.test(user)) {
      return reply.code(401).send({ error: 'unauthenticated', message: 'x-user-id header required' })
    }
    request.user = user
    pb.setContext({ user })
  })

  app.get('/orders', async (request) => {
    const mine = [...orders.values()].filter((order) => order.user === request.user)
    request.log.debug({ count: mine.length }, 'listing orders')
    return { orders: mine }
  })

  app.get<{ Params: { id: string } }>('/orders/:id', async (request, reply) => {
    const order = orders.get(request.params.id)
    if (!order || order.user !== request.user) {
      request.log.debug({ id: request.params.id }, 'order not found')
      return reply.code(404).send({ error: 'not-found', message: `no order ${request.params.id}` })
    }
    return order
  })

  app.post<{ Body: { item: string; quantity: number } }>(
    '/orders',
    {
      schema: {
        body: {
          type: 'object',
          required: ['item', 'quantity'],
          properties: {
            item: { type: 'string', minLength: 1, maxLength: 100 },
            quantity: { type: 'integer', minimum: 1, maximum: 1000 },
          },
        },
      },
    },
    async (request, reply) => {
      const { item, quantity } = request.body
      request.log.debug({ item, quantity }, 'placing order')
      const order: Order = { id: randomUUID(), user: request.user, item, quantity }
      orders.set(order.id, order)
      audit.info({ orderId: order.id }, 'order placed')
      return reply.code(201).send(order)
    },
  )

  return app
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated user (set by the onRequest hook). */
    user: string
  }
}
