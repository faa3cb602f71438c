/**
 * The checkout service's counters and gauges, made in one place so their
 * names (what operators capture and watch: `ctl capture start svc=checkout
 * metric='orders.**'`, `ctl watch svc=checkout`) read as one list. Like the
 * histograms, they count locally all the time and are shipped only while a
 * capture covers them; `ctl metrics` shows their totals and last values
 * without one.
 */

import type { Counter, Gauge, Prodbench } from '@prodbench/sdk'
import type { Store } from './store.js'

/** How a charge ended, the `payment` label of `orders.payments`. */
export type PaymentOutcome = 'authorized' | 'declined' | 'timeout'

/** The counters the checkout route adds to. */
export interface OrderCounters {
  /** `orders.placed`: orders written (payment authorized and the order transaction committed). */
  placed: Counter
  /** `orders.payments {payment=authorized|declined|timeout}`: charges sent to the provider, by outcome. */
  payments: Counter
}

/** The pool's gauges, set by the pool itself as connections come and go. */
export interface PoolGauges {
  /** `db.pool.in_use`: connections handed out. */
  inUse: Gauge
  /** `db.pool.waiting`: `acquire()` calls queued for a connection. */
  waiting: Gauge
}

/**
 * The pool's gauges. They are set on every change rather than read by a
 * callback: a window's min..max then shows the peak between two reads.
 */
export function poolGauges(pb: Pick<Prodbench, 'gauge'>): PoolGauges {
  return { inUse: pb.gauge('db.pool.in_use'), waiting: pb.gauge('db.pool.waiting') }
}

/**
 * Makes the order counters and the `carts.open` gauge, read from `store` by
 * a callback: it costs nothing between reads, the SDK reads it when a
 * capture window ends and for heartbeats.
 */
export function checkoutInstruments(pb: Pick<Prodbench, 'counter' | 'gauge'>, store: Store): OrderCounters {
  pb.gauge('carts.open', { read: () => store.openCarts() })
  const payments = pb.counter('orders.payments', { labels: ['payment'], maxSeries: 8 })
  // Bound once so each series exists (and is captured at 0) before its first charge.
  for (const payment of ['authorized', 'declined', 'timeout'] satisfies PaymentOutcome[]) payments.bind({ payment })
  return { placed: pb.counter('orders.placed'), payments }
}
