/**
 * `@prodbench/control-plane`: the control plane server (gRPC over NATS
 * JetStream KV) and the embedded nats-server it can run.
 */
export type { AlertPayload, AlertStats } from './alerts/index.js'
export type { ControlPlane, ControlPlaneStats } from './control-plane.js'
export { startControlPlane } from './control-plane.js'
export type { DumpStats } from './dumps/index.js'
export type { ErrorCode } from './errors.js'
export {
  AuthDisabledError,
  ConflictError,
  CorruptStateError,
  GRPC_STATUS_BY_CODE,
  GrpcBindError,
  IncidentClosedError,
  IncidentNotFoundError,
  InstanceNoAnswerError,
  InstanceNotFoundError,
  InvalidArgumentError,
  InvalidOptionsError,
  NatsServerMissingError,
  NatsServerStartError,
  NotFoundError,
  OverCeilingError,
  PermissionDeniedError,
  ProdbenchError,
  TokenExistsError,
  TooManyCapturesError,
  TooManyRulesError,
  TooManyTailsError,
  UnauthenticatedError,
  UnavailableError,
} from './errors.js'
export { AUTHOR_METADATA_KEY, CODE_METADATA_KEY, FIELD_METADATA_KEY } from './grpc/grpc-server.js'
export { MAX_WAIT_MS, MAX_WINDOWS } from './grpc/requests.js'
export type { HistogramStats, RejectReason } from './histograms/index.js'
export { REJECT_REASONS } from './histograms/index.js'
export type { IncidentStats, IngestStats } from './incidents/index.js'
export { AUTO_QUARANTINE_AUTHOR, INCIDENT_STREAM, quarantineCap, REPORT_REJECT_REASONS } from './incidents/index.js'
export type { NatsServerHandle, NatsServerOptions } from './nats/nats-server-process.js'
export { findNatsServerBinary, startNatsServer } from './nats/nats-server-process.js'
export type { ControlPlaneOptions } from './options.js'
export { DEFAULT_DATA_DIR, DEFAULT_GRPC_ADDRESS, DEFAULT_NATS_PORT, STATE_FILE } from './options.js'
export type { RegistryStats } from './registry/index.js'
export type { Rollout } from './rollout/index.js'
export type { ScalarRejectReason, ScalarStats } from './scalars/index.js'
export { SCALAR_REJECT_REASONS } from './scalars/index.js'
export { renderNatsConfig } from './security/nats-config.js'
// Security (docs/security.md): NATS identities and permissions, roles, the audit log.
export type { NatsCredentials } from './security/nats-credentials.js'
export { NATS_CREDENTIAL_ENV } from './security/nats-credentials.js'
export type { NatsPermissions, NatsRole } from './security/nats-permissions.js'
export {
  AUDIT_STREAM,
  CONTROL_PLANE_INBOX_PREFIX,
  controlPlanePermissions,
  SDK_INBOX_PREFIX,
  sdkPermissions,
  TOKENS_BUCKET,
} from './security/nats-permissions.js'
export { ROLES, type Role } from './security/roles.js'
export { RPC_PERMISSIONS } from './security/rpc-permissions.js'
export type { SecurityInfo } from './security/security-info.js'
export type { SecurityOptions } from './security/security-options.js'
export type { TailStats } from './tails/index.js'
