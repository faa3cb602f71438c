/**
 * The checkout data: products, carts and orders in memory, read and written
 * through {@link Database} with the SQL a real service would send.
 */

import type { Database, Executor } from './fake-db.js'

/** A product row. */
export interface Product {
  id: string
  name: string
  priceCents: number
  stock: number
}

/** A cart line joined with its product. */
export interface CartLine {
  productId: string
  name: string
  quantity: number
  priceCents: number
}

/** A cart with its lines and total. */
export interface Cart {
  id: string
  userId: string
  lines: CartLine[]
  totalCents: number
}

/** An order row. */
export interface Order {
  id: string
  cartId: string
  userId: string
  totalCents: number
  chargeId: string
  createdAt: number
}

const PRODUCT_NAMES = [
  'Espresso beans 1 kg',
  'Pour-over kettle',
  'Burr grinder',
  'Ceramic dripper',
  'Paper filters x100',
  'Milk frother',
  'Travel mug',
  'Cold brew jar',
  'Digital scale',
  'Tamper 58 mm',
  'Knock box',
  'Descaler 500 ml',
]

/** How many carts exist at start; ids are `c-1` … `c-<SEEDED_CARTS>`. */
export const SEEDED_CARTS = 200

/** In-memory tables behind the SQL. */
export class Store {
  private readonly products = new Map<string, Product>()
  private readonly carts = new Map<string, { userId: string; items: Map<string, number> }>()
  private readonly orders: Order[] = []
  /** Carts checked out since their last item was added: not open. */
  private readonly checkedOut = new Set<string>()
  private nextOrder = 1

  constructor(private readonly db: Database) {
    PRODUCT_NAMES.forEach((name, index) => {
      const id = `sku-${1001 + index}`
      this.products.set(id, { id, name, priceCents: 499 + ((index * 1_733) % 9_000), stock: 50 + index * 7 })
    })
    const ids = [...this.products.keys()]
    for (let n = 1; n <= SEEDED_CARTS; n++) {
      const items = new Map<string, number>()
      for (let k = 0; k < 1 + (n % 3); k++) items.set(ids[(n * 7 + k * 5) % ids.length] as string, 1 + (n % 2))
      this.carts.set(`c-${n}`, { userId: `u-${1000 + n}`, items })
    }
  }

  /** Carts with items not checked out since the last one was added (the `carts.open` gauge). */
  openCarts(): number {
    return this.carts.size - this.checkedOut.size
  }

  /** Product ids, for validating input and for the load generator's picks. */
  productIds(): string[] {
    return [...this.products.keys()]
  }

  /** Every product in stock. */
  listProducts(reqId: string): Promise<Product[]> {
    return this.db.query(
      reqId,
      'SELECT id, name, price_cents, stock FROM products WHERE stock > 0 ORDER BY name LIMIT 50',
      [],
      () => [...this.products.values()].filter((p) => p.stock > 0).map((p) => ({ ...p })),
    )
  }

  /** One product, or undefined. */
  getProduct(reqId: string, id: string): Promise<Product | undefined> {
    return this.db.query(reqId, 'SELECT id, name, price_cents, stock FROM products WHERE id = $1', [id], () => {
      const product = this.products.get(id)
      return product && { ...product }
    })
  }

  /** A cart with its lines, or undefined when there is no such cart. */
  async getCart(reqId: string, cartId: string, tx?: Executor): Promise<Cart | undefined> {
    const run: Executor['query'] = tx ? tx.query : (sql, params, apply) => this.db.query(reqId, sql, params, apply)
    const cart = await run('SELECT id, user_id FROM carts WHERE id = $1', [cartId], () => this.carts.get(cartId))
    if (!cart) return undefined
    const lines = await run(
      'SELECT i.product_id, p.name, i.quantity, p.price_cents FROM cart_items i JOIN products p ON p.id = i.product_id WHERE i.cart_id = $1',
      [cartId],
      () =>
        [...cart.items].map(([productId, quantity]) => {
          const product = this.products.get(productId) as Product
          return { productId, name: product.name, quantity, priceCents: product.priceCents }
        }),
    )
    const totalCents = lines.reduce((sum, line) => sum + line.quantity * line.priceCents, 0)
    return { id: cartId, userId: cart.userId, lines, totalCents }
  }

  /** Adds `quantity` of a product to a cart, creating the cart when it is new. */
  async addToCart(reqId: string, cartId: string, productId: string, quantity: number): Promise<void> {
    await this.db.query(
      reqId,
      'INSERT INTO cart_items (cart_id, product_id, quantity) VALUES ($1, $2, $3) ON CONFLICT (cart_id, product_id) DO UPDATE SET quantity = cart_items.quantity + $3',
      [cartId, productId, quantity],
      () => {
        const cart = this.carts.get(cartId) ?? { userId: `u-${cartId}`, items: new Map<string, number>() }
        this.carts.set(cartId, cart)
        cart.items.set(productId, (cart.items.get(productId) ?? 0) + quantity)
        this.checkedOut.delete(cartId)
        return 1
      },
    )
  }

  /** Lines whose product has less stock than the cart asks for. */
  shortages(cart: Cart): CartLine[] {
    return cart.lines.filter((line) => (this.products.get(line.productId)?.stock ?? 0) < line.quantity)
  }

  /**
   * Turns a paid cart into an order inside one transaction: take the stock,
   * write the order, mark the cart. Restocks a product that runs low and keeps
   * the cart's lines, so a long demo never runs dry.
   */
  placeOrder(reqId: string, cart: Cart, chargeId: string): Promise<Order> {
    return this.db.transaction(reqId, async (tx) => {
      for (const line of cart.lines) {
        await tx.query('UPDATE products SET stock = stock - $2 WHERE id = $1', [line.productId, line.quantity], () => {
          const product = this.products.get(line.productId) as Product
          product.stock -= line.quantity
          if (product.stock < 10) product.stock += 100
          return 1
        })
      }
      const order: Order = {
        id: `o-${this.nextOrder++}`,
        cartId: cart.id,
        userId: cart.userId,
        totalCents: cart.totalCents,
        chargeId,
        createdAt: Date.now(),
      }
      await tx.query(
        'INSERT INTO orders (id, cart_id, user_id, total_cents, charge_id) VALUES ($1, $2, $3, $4, $5)',
        [order.id, order.cartId, order.userId, order.totalCents, order.chargeId],
        () => {
          this.orders.push(order)
          if (this.orders.length > 1_000) this.orders.shift()
          return order
        },
      )
      // The cart is kept (not emptied) so the load generator can keep checking out the seeded carts.
      await tx.query('UPDATE carts SET checked_out_at = now() WHERE id = $1', [cart.id], () => {
        this.checkedOut.add(cart.id)
        return 1
      })
      return order
    })
  }
}
