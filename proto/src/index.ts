/**
 * The prodbench wire contract (package `prodbench.v1`): the gRPC service
 * definition for grpc-js and binary codecs for the messages that cross NATS.
 * The .proto files under `proto/prodbench/v1` are the source of truth; the
 * types under `./generated` are produced from them by `npm run proto:gen`.
 */

export type { Codec } from './codec.js'
export { codecs, DecodeError } from './codec.js'
export type { ProtoGrpcType } from './generated/control_plane.js'

export type { Ack as AckInput, Ack__Output as AckMessage } from './generated/prodbench/v1/Ack.js'
export type { ActiveCapture__Output as ActiveCaptureMessage } from './generated/prodbench/v1/ActiveCapture.js'
export type {
  AppliedConfig as AppliedConfigInput,
  AppliedConfig__Output as AppliedConfigMessage,
} from './generated/prodbench/v1/AppliedConfig.js'
// Tokens and audit (docs/security.md).
export type {
  AuditRecord as AuditRecordInput,
  AuditRecord__Output as AuditRecordMessage,
} from './generated/prodbench/v1/AuditRecord.js'
export type { Capture__Output as CaptureMessage } from './generated/prodbench/v1/Capture.js'
export type { ChangeResponse__Output as ChangeResponse } from './generated/prodbench/v1/ChangeResponse.js'
export type {
  CheckInfo as CheckInfoInput,
  CheckInfo__Output as CheckInfoMessage,
} from './generated/prodbench/v1/CheckInfo.js'
export type {
  CheckResult as CheckResultInput,
  CheckResult__Output as CheckResultMessage,
} from './generated/prodbench/v1/CheckResult.js'
export type {
  CheckRunReply as CheckRunReplyInput,
  CheckRunReply__Output as CheckRunReplyMessage,
} from './generated/prodbench/v1/CheckRunReply.js'
export type { CheckRunRequest__Output as CheckRunRequestMessage } from './generated/prodbench/v1/CheckRunRequest.js'
export type {
  ControlPlaneClient,
  ControlPlaneHandlers,
} from './generated/prodbench/v1/ControlPlane.js'
export type { CreateTokenRequest__Output as CreateTokenRequest } from './generated/prodbench/v1/CreateTokenRequest.js'
export type {
  CreateTokenResponse as CreateTokenResponseInput,
  CreateTokenResponse__Output as CreateTokenResponse,
} from './generated/prodbench/v1/CreateTokenResponse.js'
export type {
  DesiredState as DesiredStateInput,
  DesiredState__Output as DesiredStateMessage,
} from './generated/prodbench/v1/DesiredState.js'
export type { DumpInstancesRequest__Output as DumpInstancesRequest } from './generated/prodbench/v1/DumpInstancesRequest.js'
export type {
  DumpReply as DumpReplyInput,
  DumpReply__Output as DumpReplyMessage,
} from './generated/prodbench/v1/DumpReply.js'
export type {
  DumpRequest as DumpRequestInput,
  DumpRequest__Output as DumpRequestMessage,
} from './generated/prodbench/v1/DumpRequest.js'
export type {
  DumpResponse as DumpResponseInput,
  DumpResponse__Output as DumpResponse,
} from './generated/prodbench/v1/DumpResponse.js'
export type { EffectiveLevel__Output as EffectiveLevelMessage } from './generated/prodbench/v1/EffectiveLevel.js'
export type { GetHistogramRequest__Output as GetHistogramRequest } from './generated/prodbench/v1/GetHistogramRequest.js'
export type { GetHistogramResponse__Output as GetHistogramResponse } from './generated/prodbench/v1/GetHistogramResponse.js'
export type { GetIncidentRequest__Output as GetIncidentRequest } from './generated/prodbench/v1/GetIncidentRequest.js'
export type { GetStatusResponse__Output as GetStatusResponse } from './generated/prodbench/v1/GetStatusResponse.js'
export type {
  Heartbeat as HeartbeatInput,
  Heartbeat__Output as HeartbeatMessage,
} from './generated/prodbench/v1/Heartbeat.js'
export type {
  HistogramSnapshot as HistogramSnapshotInput,
  HistogramSnapshot__Output as HistogramSnapshotMessage,
} from './generated/prodbench/v1/HistogramSnapshot.js'
export type {
  HistogramWindow as HistogramWindowInput,
  HistogramWindow__Output as HistogramWindowMessage,
} from './generated/prodbench/v1/HistogramWindow.js'
export type {
  Incident as IncidentInput,
  Incident__Output as IncidentMessage,
} from './generated/prodbench/v1/Incident.js'
export type {
  IncidentReport as IncidentReportInput,
  IncidentReport__Output as IncidentReportMessage,
} from './generated/prodbench/v1/IncidentReport.js'
export type { InspectInstanceRequest__Output as InspectInstanceRequest } from './generated/prodbench/v1/InspectInstanceRequest.js'
export type {
  InspectReply as InspectReplyInput,
  InspectReply__Output as InspectReplyMessage,
} from './generated/prodbench/v1/InspectReply.js'
export type { InspectRequest__Output as InspectRequestMessage } from './generated/prodbench/v1/InspectRequest.js'
export type { InstanceChecks__Output as InstanceChecksMessage } from './generated/prodbench/v1/InstanceChecks.js'
export type { InstanceIdentity__Output as InstanceIdentityMessage } from './generated/prodbench/v1/InstanceIdentity.js'
export type {
  InstanceInfo as InstanceInfoInput,
  InstanceInfo__Output as InstanceInfoMessage,
} from './generated/prodbench/v1/InstanceInfo.js'
export type { ListAuditRequest__Output as ListAuditRequest } from './generated/prodbench/v1/ListAuditRequest.js'
export type { ListAuditResponse__Output as ListAuditResponse } from './generated/prodbench/v1/ListAuditResponse.js'
export type { ListChecksRequest__Output as ListChecksRequest } from './generated/prodbench/v1/ListChecksRequest.js'
export type { ListChecksResponse__Output as ListChecksResponse } from './generated/prodbench/v1/ListChecksResponse.js'
export type { ListIncidentsRequest__Output as ListIncidentsRequest } from './generated/prodbench/v1/ListIncidentsRequest.js'
export type { ListIncidentsResponse__Output as ListIncidentsResponse } from './generated/prodbench/v1/ListIncidentsResponse.js'
export type { ListInstancesResponse__Output as ListInstancesResponse } from './generated/prodbench/v1/ListInstancesResponse.js'
export type { ListMetricsResponse__Output as ListMetricsResponse } from './generated/prodbench/v1/ListMetricsResponse.js'
export type { ListRulesResponse__Output as ListRulesResponse } from './generated/prodbench/v1/ListRulesResponse.js'
export type { ListServicesResponse__Output as ListServicesResponse } from './generated/prodbench/v1/ListServicesResponse.js'
export type { ListTokensResponse__Output as ListTokensResponse } from './generated/prodbench/v1/ListTokensResponse.js'
export type {
  LogStats as LogStatsInput,
  LogStats__Output as LogStatsMessage,
} from './generated/prodbench/v1/LogStats.js'
export type { MetricInfo__Output as MetricInfoMessage } from './generated/prodbench/v1/MetricInfo.js'
export type { OpenIncidentRequest__Output as OpenIncidentRequest } from './generated/prodbench/v1/OpenIncidentRequest.js'
export type {
  QuarantineState as QuarantineStateInput,
  QuarantineState__Output as QuarantineStateMessage,
} from './generated/prodbench/v1/QuarantineState.js'
export type { RemoveRulesRequest__Output as RemoveRulesRequest } from './generated/prodbench/v1/RemoveRulesRequest.js'
export type { RevokeTokenRequest__Output as RevokeTokenRequest } from './generated/prodbench/v1/RevokeTokenRequest.js'
export type { Rollout as RolloutInput, Rollout__Output as RolloutMessage } from './generated/prodbench/v1/Rollout.js'
export type { Rule as RuleInput, Rule__Output as RuleMessage } from './generated/prodbench/v1/Rule.js'
export type { RuleSpec__Output as RuleSpecMessage } from './generated/prodbench/v1/RuleSpec.js'
export type { RunCheckRequest__Output as RunCheckRequest } from './generated/prodbench/v1/RunCheckRequest.js'
export type { RunCheckResponse__Output as RunCheckResponse } from './generated/prodbench/v1/RunCheckResponse.js'
export type {
  ScalarSnapshot as ScalarSnapshotInput,
  ScalarSnapshot__Output as ScalarSnapshotMessage,
} from './generated/prodbench/v1/ScalarSnapshot.js'
export type {
  ScalarWindow as ScalarWindowInput,
  ScalarWindow__Output as ScalarWindowMessage,
} from './generated/prodbench/v1/ScalarWindow.js'
export type { SeriesPoint as SeriesPointInput } from './generated/prodbench/v1/SeriesPoint.js'
export type { SetRuleRequest__Output as SetRuleRequest } from './generated/prodbench/v1/SetRuleRequest.js'
export type {
  StoredToken as StoredTokenInput,
  StoredToken__Output as StoredTokenMessage,
} from './generated/prodbench/v1/StoredToken.js'
export type {
  TailBatch as TailBatchInput,
  TailBatch__Output as TailBatchMessage,
} from './generated/prodbench/v1/TailBatch.js'
export type {
  TailEvent as TailEventInput,
  TailEvent__Output as TailEventMessage,
} from './generated/prodbench/v1/TailEvent.js'
export type { TailRequest__Output as TailRequest } from './generated/prodbench/v1/TailRequest.js'
export type {
  TokenInfo as TokenInfoInput,
  TokenInfo__Output as TokenInfoMessage,
} from './generated/prodbench/v1/TokenInfo.js'
export type { UpdateIncidentRequest__Output as UpdateIncidentRequest } from './generated/prodbench/v1/UpdateIncidentRequest.js'
export type { WatchHistogramRequest__Output as WatchHistogramRequest } from './generated/prodbench/v1/WatchHistogramRequest.js'
export type { WatchMetricsRequest__Output as WatchMetricsRequest } from './generated/prodbench/v1/WatchMetricsRequest.js'
export { grpcPackage, PROTO_DIR, PROTO_FILES, protoRoot } from './load.js'
