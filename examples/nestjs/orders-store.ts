import { randomUUID } from 'node:crypto'

/** One order, as the API returns it. */
export interface Order {
  readonly id: string
  readonly user: string
  readonly item: string
  readonly quantity: number
}

/** Orders in memory: the example's stand-in for a database. */
export class OrdersStore {
  readonly #orders = new Map<string, Order>()

  /** The orders of one user. */
  of(user: string): Order[] {
    return [...this.#orders.values()].filter((order) => order.user === user)
  }

  /** One order, when it exists and belongs to `user`. */
  get(user: string, id: string): Order | undefined {
    const order = this.#orders.get(id)
    return order?.user === user ? order : undefined
  }

  /** Stores a new order. */
  place(user: string, item: string, quantity: number): Order {
    const order: Order = { id: randomUUID(), user, item, quantity }
    this.#orders.set(order.id, order)
    return order
  }
}
