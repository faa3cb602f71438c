import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import { toToken } from './core/index.js'
import { SDK_VERSION } from './version.js'

/** Who this SDK instance is, as announced in heartbeats and acks. */
export interface Identity {
  readonly service: string
  readonly instance: string
  readonly host: string
  readonly pid: number
  readonly sdkVersion: string
  readonly startedAt: number
}

/** A default instance id: host, pid and a random suffix, as one NATS token. */
export function defaultInstanceId(): string {
  return `${toToken(hostname(), 80)}-${process.pid}-${randomBytes(2).toString('hex')}`
}

/** Builds the identity of an instance started now. */
export function makeIdentity(service: string, instance: string, now: number): Identity {
  return Object.freeze({
    service,
    instance,
    host: hostname(),
    pid: process.pid,
    sdkVersion: SDK_VERSION,
    startedAt: now,
  })
}
