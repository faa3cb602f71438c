/**
 * `@prodbench/control-plane`: the control plane server (gRPC over NATS
 * JetStream KV) and the embedded nats-server it can run.
 */
export type { ControlPlane, ControlPlaneStats } from './control-plane.js'
export { startControlPlane } from './control-plane.js'
export type { DumpStats } from './dumps/index.js'
export type { ErrorCode } from './errors.js'
export {
  ConflictError,
  CorruptStateError,
  GRPC_STATUS_BY_CODE,
  GrpcBindError,
  InvalidArgumentError,
  InvalidOptionsError,
  NatsServerMissingError,
  NatsServerStartError,
  NotFoundError,
  OverCeilingError,
  ProdbenchError,
  TooManyCapturesError,
  TooManyRulesError,
  TooManyTailsError,
  UnavailableError,
} from './errors.js'
export { AUTHOR_METADATA_KEY, CODE_METADATA_KEY, FIELD_METADATA_KEY } from './grpc/grpc-server.js'
export { MAX_WAIT_MS, MAX_WINDOWS } from './grpc/requests.js'
export type { HistogramStats, RejectReason } from './histograms/index.js'
export { REJECT_REASONS } from './histograms/index.js'
export type { NatsServerHandle, NatsServerOptions } from './nats/nats-server-process.js'
export { findNatsServerBinary, startNatsServer } from './nats/nats-server-process.js'
export type { ControlPlaneOptions } from './options.js'
export { DEFAULT_DATA_DIR, DEFAULT_GRPC_ADDRESS, DEFAULT_NATS_PORT, STATE_FILE } from './options.js'
export type { RegistryStats } from './registry/index.js'
export type { Rollout } from './rollout/index.js'
export type { ScalarRejectReason, ScalarStats } from './scalars/index.js'
export { SCALAR_REJECT_REASONS } from './scalars/index.js'
export type { TailStats } from './tails/index.js'
