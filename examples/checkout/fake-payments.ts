/**
 * A stand-in for a card payment provider reached over HTTPS: slow compared
 * with the database, declines some cards, and now and then does not answer.
 * Each charge's outcome is logged at info on the `payments` logger, the
 * provider's raw request and response at debug. Each call, answered or
 * timed out, is timed into the `payments.charge.duration` histogram.
 */

import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Histogram } from '@prodbench/sdk'
import { round, sampleLatency } from './latency.js'
import type { Logger } from './logger.js'

/** What a charge came to. */
export type ChargeResult =
  | { status: 'authorized'; chargeId: string; ms: number }
  | { status: 'declined'; code: 'card_declined' | 'insufficient_funds' | 'expired_card'; ms: number }

/** The provider did not answer within the client's timeout. */
export class PaymentTimeoutError extends Error {
  override name = 'PaymentTimeoutError'
  constructor(readonly timeoutMs: number) {
    super(`payment provider did not answer within ${timeoutMs} ms`)
  }
}

/** Options of {@link PaymentProvider}. */
export interface PaymentOptions {
  /**
   * Client-side timeout of one charge request.
   * @default 1500
   */
  timeoutMs?: number
  /**
   * Share of charges the provider declines.
   * @default 0.06
   */
  declineRate?: number
  /**
   * Share of charges the provider never answers.
   * @default 0.01
   */
  hangRate?: number
}

const DECLINE_CODES = ['card_declined', 'insufficient_funds', 'expired_card'] as const
const ENDPOINT = 'https://api.fakepay.test/v1/charges'

/** The payment client the checkout route calls. */
export class PaymentProvider {
  private readonly timeoutMs: number
  private readonly declineRate: number
  private readonly hangRate: number

  constructor(
    private readonly log: Logger,
    /** `payments.charge.duration` (µs): each provider call, up to its answer or the client's timeout. */
    private readonly durations: Histogram,
    options: PaymentOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 1_500
    this.declineRate = options.declineRate ?? 0.06
    this.hangRate = options.hangRate ?? 0.01
  }

  /**
   * Charges a card token. The token `tok_declined` is always declined, as with
   * real providers' test cards. Throws {@link PaymentTimeoutError}.
   */
  async charge(reqId: string, orderRef: string, amountCents: number, token: string): Promise<ChargeResult> {
    const idempotencyKey = randomUUID()
    this.log.debug(
      { reqId, method: 'POST', url: ENDPOINT, idempotencyKey, amountCents, currency: 'EUR', orderRef },
      'provider request',
    )
    const start = performance.now()
    const stop = this.durations.startTimer()
    const hangs = Math.random() < this.hangRate
    const latency = hangs ? this.timeoutMs * 2 : sampleLatency(120, 0.7)
    if (latency >= this.timeoutMs) {
      await sleep(this.timeoutMs)
      stop()
      this.log.debug({ reqId, idempotencyKey, ms: this.timeoutMs }, 'provider request aborted')
      this.log.error({ reqId, orderRef, amountCents, timeoutMs: this.timeoutMs }, 'payment provider timeout')
      throw new PaymentTimeoutError(this.timeoutMs)
    }
    await sleep(latency)
    stop()
    const ms = round(performance.now() - start)
    if (token === 'tok_declined' || Math.random() < this.declineRate) {
      const code = DECLINE_CODES[Math.floor(Math.random() * DECLINE_CODES.length)] ?? 'card_declined'
      this.log.debug({ reqId, idempotencyKey, httpStatus: 402, code, ms }, 'provider response')
      this.log.info({ reqId, orderRef, amountCents, code, ms }, 'payment declined')
      return { status: 'declined', code, ms }
    }
    const chargeId = `ch_${idempotencyKey.slice(0, 12)}`
    this.log.debug({ reqId, idempotencyKey, httpStatus: 200, chargeId, ms }, 'provider response')
    this.log.info({ reqId, orderRef, amountCents, chargeId, ms }, 'payment authorized')
    return { status: 'authorized', chargeId, ms }
  }
}
