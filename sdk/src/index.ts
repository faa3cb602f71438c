/**
 * @prodbench/sdk: embed in a Node service to get pino loggers whose levels
 * are changed live over NATS by the prodbench control plane.
 *
 * ```ts
 * const pb = init({ service: 'checkout', nats: process.env.NATS_URL })
 * const log = pb.logger('db')
 * await pb.ready()
 * ```
 */

export type { Level } from './core/index.js'
export { LEVELS } from './core/index.js'
export type { Diagnostic, DiagnosticSink } from './diagnostics.js'
export { DIAGNOSTICS_CHANNEL } from './diagnostics.js'
export { InvalidOptionsError, ProdbenchSdkError, RejectedStateError } from './errors.js'
export type { Identity } from './identity.js'
export type { SdkOptions } from './options.js'
export { init, Prodbench } from './sdk.js'
export type { LevelProvenance, SdkStatus } from './status.js'
export { SDK_VERSION } from './version.js'
