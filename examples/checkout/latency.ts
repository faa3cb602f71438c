/**
 * Latency that looks like production: mostly fast, with a long tail.
 * A log-normal around a median gives that shape with one knob.
 */

import { setTimeout as sleep } from 'node:timers/promises'

/** A random duration in ms, log-normally spread around `medianMs` (sigma 0.6 puts p99 at ~4x the median). */
export function sampleLatency(medianMs: number, sigma = 0.6): number {
  // Box-Muller: two uniforms to one standard normal.
  const u = 1 - Math.random()
  const v = Math.random()
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  return medianMs * Math.exp(sigma * normal)
}

/** Waits a sampled latency and returns how long it waited, in ms rounded to 0.1. */
export async function simulateWork(medianMs: number, sigma?: number): Promise<number> {
  const ms = sampleLatency(medianMs, sigma)
  await sleep(ms)
  return round(ms)
}

/** Rounds to 0.1 ms for log fields: enough to read, short to print. */
export function round(ms: number): number {
  return Math.round(ms * 10) / 10
}

/** Milliseconds since `start` (a `performance.now()` reading), rounded to 0.1. */
export function since(start: number): number {
  return round(performance.now() - start)
}
