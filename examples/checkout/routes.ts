/**
 * The checkout API. Each handler does what a real one would: read from the
 * database, call the payment provider, and log what an operator needs — an
 * info line for each business event, debug and trace lines for the details.
 */

import type { ConnectionPool } from './db-pool.js'
import { type PaymentProvider, PaymentTimeoutError } from './fake-payments.js'
import { HttpError, type Reply, type RequestContext, type Route } from './http-kit.js'
import type { OrderCounters } from './instruments.js'
import type { Logger } from './logger.js'
import type { Store } from './store.js'

/** What the routes need. */
export interface RouteDeps {
  store: Store
  pool: ConnectionPool
  payments: PaymentProvider
  /** Business events (orders placed): the service's root logger. */
  log: Logger
  /** `orders.placed` and `orders.payments`, added to by the checkout route. */
  counters: OrderCounters
  /** Extra fields for /health (the SDK's view: connection, revision). */
  health(): Record<string, unknown>
  /** `pb.assert`: an invariant that opens an incident when it fails, and never throws. */
  assert(condition: unknown, message: string, context?: Record<string, unknown>): boolean
}

const ID = /^[A-Za-z0-9_-]{1,64}$/

/** The route table of the checkout service. */
export function checkoutRoutes(deps: RouteDeps): Route[] {
  const { store, pool, payments, log, counters } = deps
  const started = Date.now()

  return [
    {
      method: 'GET',
      pattern: '/health',
      handle: async () =>
        ok({ status: 'ok', uptimeS: Math.round((Date.now() - started) / 1000), pool: pool.stats(), ...deps.health() }),
    },
    {
      method: 'GET',
      pattern: '/products',
      handle: async ({ reqId }) => ok({ products: await store.listProducts(reqId) }),
    },
    {
      method: 'GET',
      pattern: '/products/:id',
      handle: async ({ reqId, params }) => {
        const product = await store.getProduct(reqId, id(params.id, 'product id'))
        if (!product) throw new HttpError(404, 'product_not_found', `no product ${params.id}`)
        return ok(product)
      },
    },
    {
      method: 'GET',
      pattern: '/cart/:id',
      handle: async ({ reqId, params }) => {
        const cart = await store.getCart(reqId, id(params.id, 'cart id'))
        if (!cart) throw new HttpError(404, 'cart_not_found', `no cart ${params.id}`)
        return ok(cart)
      },
    },
    {
      method: 'POST',
      pattern: '/cart/:id/items',
      handle: async ({ reqId, params, body }) => {
        const cartId = id(params.id, 'cart id')
        const input = object(body)
        const productId = id(input.productId, 'productId')
        const quantity = input.quantity ?? 1
        if (!Number.isInteger(quantity) || (quantity as number) < 1 || (quantity as number) > 20) {
          throw new HttpError(400, 'invalid_quantity', 'quantity must be an integer from 1 to 20')
        }
        if (!(await store.getProduct(reqId, productId))) {
          throw new HttpError(404, 'product_not_found', `no product ${productId}`)
        }
        await store.addToCart(reqId, cartId, productId, quantity as number)
        return { status: 201, body: await store.getCart(reqId, cartId) }
      },
    },
    { method: 'POST', pattern: '/checkout', handle: checkout },
  ]

  /** POST /checkout {cartId, paymentToken}: price the cart, charge it, place the order. */
  async function checkout({ reqId, body }: RequestContext): Promise<Reply> {
    const input = object(body)
    const cartId = id(input.cartId, 'cartId')
    const token = id(input.paymentToken ?? 'tok_visa', 'paymentToken')
    const cart = await store.getCart(reqId, cartId)
    if (!cart) throw new HttpError(404, 'cart_not_found', `no cart ${cartId}`)
    if (cart.lines.length === 0) throw new HttpError(409, 'cart_empty', `cart ${cartId} is empty`)
    const short = store.shortages(cart)
    if (short.length > 0) {
      log.info({ reqId, cartId, products: short.map((l) => l.productId) }, 'checkout refused: out of stock')
      throw new HttpError(409, 'out_of_stock', `not enough stock for ${short.map((l) => l.name).join(', ')}`)
    }

    let result: Awaited<ReturnType<PaymentProvider['charge']>>
    try {
      result = await payments.charge(reqId, cartId, cart.totalCents, token)
    } catch (error) {
      if (!(error instanceof PaymentTimeoutError)) throw error
      counters.payments.add(1, { payment: 'timeout' })
      throw new HttpError(504, 'payment_timeout', 'the payment provider did not answer; you were not charged')
    }
    counters.payments.add(1, { payment: result.status })
    if (result.status === 'declined') {
      throw new HttpError(402, result.code, 'the card was declined')
    }

    const order = await store.placeOrder(reqId, cart, result.chargeId)
    deps.assert(order.totalCents === cart.totalCents, 'order total equals the cart total', {
      reqId,
      orderId: order.id,
      orderCents: order.totalCents,
      cartCents: cart.totalCents,
    })
    counters.placed.add()
    log.info(
      {
        reqId,
        orderId: order.id,
        cartId,
        amountCents: order.totalCents,
        chargeId: order.chargeId,
        paymentMs: result.ms,
      },
      'order placed',
    )
    return { status: 201, body: order }
  }
}

function ok(body: unknown): Reply {
  return { status: 200, body }
}

function object(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'invalid_body', 'body must be a JSON object')
  }
  return body as Record<string, unknown>
}

function id(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ID.test(value)) {
    throw new HttpError(400, 'invalid_field', `${field} must be 1-64 letters, digits, "_" or "-"`)
  }
  return value
}
