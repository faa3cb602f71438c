/**
 * The traffic mix: what a storefront sends a checkout service. Browsing
 * dominates, a share of carts check out, and a few requests miss (unknown
 * carts and products, declined test cards), as real traffic does.
 */

/** One request to send. */
export interface PlannedRequest {
  method: 'GET' | 'POST'
  path: string
  body?: unknown
  /** Short name for the summary's per-route counts. */
  route: string
  /** The signed-in user sending it (`u-1` .. `u-50`), sent as `x-user-id`. */
  user: string
}

const PRODUCTS = 12
const CARTS = 200

function pick(n: number): number {
  return 1 + Math.floor(Math.random() * n)
}

// A few ids past the seeded ranges, so 404s show up at a realistic rate.
const productId = () => `sku-${1000 + (Math.random() < 0.05 ? 99 : pick(PRODUCTS))}`
const cartId = () => `c-${pick(Math.round(CARTS * 1.1))}`

const USERS = 50

const WEIGHTED: ReadonlyArray<readonly [number, () => Omit<PlannedRequest, 'user'>]> = [
  [25, () => ({ method: 'GET', path: '/products', route: 'products' })],
  [15, () => ({ method: 'GET', path: `/products/${productId()}`, route: 'product' })],
  [25, () => ({ method: 'GET', path: `/cart/${cartId()}`, route: 'cart' })],
  [
    12,
    () => ({
      method: 'POST',
      path: `/cart/${cartId()}/items`,
      body: { productId: productId(), quantity: pick(3) },
      route: 'add-item',
    }),
  ],
  [
    18,
    () => ({
      method: 'POST',
      path: '/checkout',
      body: { cartId: cartId(), paymentToken: Math.random() < 0.03 ? 'tok_declined' : 'tok_visa' },
      route: 'checkout',
    }),
  ],
  [5, () => ({ method: 'GET', path: '/health', route: 'health' })],
]
const TOTAL = WEIGHTED.reduce((sum, [weight]) => sum + weight, 0)

/** Draws the next request from the mix. */
export function nextRequest(): PlannedRequest {
  const user = `u-${pick(USERS)}`
  let roll = Math.random() * TOTAL
  for (const [weight, make] of WEIGHTED) {
    roll -= weight
    if (roll < 0) return { ...make(), user }
  }
  return { ...(WEIGHTED[0] as (typeof WEIGHTED)[number])[1](), user }
}
