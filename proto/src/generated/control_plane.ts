import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Ack as _prodbench_v1_Ack, Ack__Output as _prodbench_v1_Ack__Output } from './prodbench/v1/Ack.js';
import type { ActiveCapture as _prodbench_v1_ActiveCapture, ActiveCapture__Output as _prodbench_v1_ActiveCapture__Output } from './prodbench/v1/ActiveCapture.js';
import type { ActiveLogRule as _prodbench_v1_ActiveLogRule, ActiveLogRule__Output as _prodbench_v1_ActiveLogRule__Output } from './prodbench/v1/ActiveLogRule.js';
import type { AppliedConfig as _prodbench_v1_AppliedConfig, AppliedConfig__Output as _prodbench_v1_AppliedConfig__Output } from './prodbench/v1/AppliedConfig.js';
import type { AuditRecord as _prodbench_v1_AuditRecord, AuditRecord__Output as _prodbench_v1_AuditRecord__Output } from './prodbench/v1/AuditRecord.js';
import type { Budget as _prodbench_v1_Budget, Budget__Output as _prodbench_v1_Budget__Output } from './prodbench/v1/Budget.js';
import type { Capture as _prodbench_v1_Capture, Capture__Output as _prodbench_v1_Capture__Output } from './prodbench/v1/Capture.js';
import type { ChangeResponse as _prodbench_v1_ChangeResponse, ChangeResponse__Output as _prodbench_v1_ChangeResponse__Output } from './prodbench/v1/ChangeResponse.js';
import type { CheckControl as _prodbench_v1_CheckControl, CheckControl__Output as _prodbench_v1_CheckControl__Output } from './prodbench/v1/CheckControl.js';
import type { CheckInfo as _prodbench_v1_CheckInfo, CheckInfo__Output as _prodbench_v1_CheckInfo__Output } from './prodbench/v1/CheckInfo.js';
import type { CheckResult as _prodbench_v1_CheckResult, CheckResult__Output as _prodbench_v1_CheckResult__Output } from './prodbench/v1/CheckResult.js';
import type { CheckRunReply as _prodbench_v1_CheckRunReply, CheckRunReply__Output as _prodbench_v1_CheckRunReply__Output } from './prodbench/v1/CheckRunReply.js';
import type { CheckRunRequest as _prodbench_v1_CheckRunRequest, CheckRunRequest__Output as _prodbench_v1_CheckRunRequest__Output } from './prodbench/v1/CheckRunRequest.js';
import type { ControlPlaneClient as _prodbench_v1_ControlPlaneClient, ControlPlaneDefinition as _prodbench_v1_ControlPlaneDefinition } from './prodbench/v1/ControlPlane.js';
import type { CreateTokenRequest as _prodbench_v1_CreateTokenRequest, CreateTokenRequest__Output as _prodbench_v1_CreateTokenRequest__Output } from './prodbench/v1/CreateTokenRequest.js';
import type { CreateTokenResponse as _prodbench_v1_CreateTokenResponse, CreateTokenResponse__Output as _prodbench_v1_CreateTokenResponse__Output } from './prodbench/v1/CreateTokenResponse.js';
import type { DesiredState as _prodbench_v1_DesiredState, DesiredState__Output as _prodbench_v1_DesiredState__Output } from './prodbench/v1/DesiredState.js';
import type { DumpInstancesRequest as _prodbench_v1_DumpInstancesRequest, DumpInstancesRequest__Output as _prodbench_v1_DumpInstancesRequest__Output } from './prodbench/v1/DumpInstancesRequest.js';
import type { DumpReply as _prodbench_v1_DumpReply, DumpReply__Output as _prodbench_v1_DumpReply__Output } from './prodbench/v1/DumpReply.js';
import type { DumpRequest as _prodbench_v1_DumpRequest, DumpRequest__Output as _prodbench_v1_DumpRequest__Output } from './prodbench/v1/DumpRequest.js';
import type { DumpResponse as _prodbench_v1_DumpResponse, DumpResponse__Output as _prodbench_v1_DumpResponse__Output } from './prodbench/v1/DumpResponse.js';
import type { EffectiveLevel as _prodbench_v1_EffectiveLevel, EffectiveLevel__Output as _prodbench_v1_EffectiveLevel__Output } from './prodbench/v1/EffectiveLevel.js';
import type { GetHistogramRequest as _prodbench_v1_GetHistogramRequest, GetHistogramRequest__Output as _prodbench_v1_GetHistogramRequest__Output } from './prodbench/v1/GetHistogramRequest.js';
import type { GetHistogramResponse as _prodbench_v1_GetHistogramResponse, GetHistogramResponse__Output as _prodbench_v1_GetHistogramResponse__Output } from './prodbench/v1/GetHistogramResponse.js';
import type { GetIncidentRequest as _prodbench_v1_GetIncidentRequest, GetIncidentRequest__Output as _prodbench_v1_GetIncidentRequest__Output } from './prodbench/v1/GetIncidentRequest.js';
import type { GetStatusRequest as _prodbench_v1_GetStatusRequest, GetStatusRequest__Output as _prodbench_v1_GetStatusRequest__Output } from './prodbench/v1/GetStatusRequest.js';
import type { GetStatusResponse as _prodbench_v1_GetStatusResponse, GetStatusResponse__Output as _prodbench_v1_GetStatusResponse__Output } from './prodbench/v1/GetStatusResponse.js';
import type { Heartbeat as _prodbench_v1_Heartbeat, Heartbeat__Output as _prodbench_v1_Heartbeat__Output } from './prodbench/v1/Heartbeat.js';
import type { HistogramBucket as _prodbench_v1_HistogramBucket, HistogramBucket__Output as _prodbench_v1_HistogramBucket__Output } from './prodbench/v1/HistogramBucket.js';
import type { HistogramSnapshot as _prodbench_v1_HistogramSnapshot, HistogramSnapshot__Output as _prodbench_v1_HistogramSnapshot__Output } from './prodbench/v1/HistogramSnapshot.js';
import type { HistogramWindow as _prodbench_v1_HistogramWindow, HistogramWindow__Output as _prodbench_v1_HistogramWindow__Output } from './prodbench/v1/HistogramWindow.js';
import type { Incident as _prodbench_v1_Incident, Incident__Output as _prodbench_v1_Incident__Output } from './prodbench/v1/Incident.js';
import type { IncidentError as _prodbench_v1_IncidentError, IncidentError__Output as _prodbench_v1_IncidentError__Output } from './prodbench/v1/IncidentError.js';
import type { IncidentReport as _prodbench_v1_IncidentReport, IncidentReport__Output as _prodbench_v1_IncidentReport__Output } from './prodbench/v1/IncidentReport.js';
import type { InspectInstanceRequest as _prodbench_v1_InspectInstanceRequest, InspectInstanceRequest__Output as _prodbench_v1_InspectInstanceRequest__Output } from './prodbench/v1/InspectInstanceRequest.js';
import type { InspectReply as _prodbench_v1_InspectReply, InspectReply__Output as _prodbench_v1_InspectReply__Output } from './prodbench/v1/InspectReply.js';
import type { InspectRequest as _prodbench_v1_InspectRequest, InspectRequest__Output as _prodbench_v1_InspectRequest__Output } from './prodbench/v1/InspectRequest.js';
import type { InstanceChecks as _prodbench_v1_InstanceChecks, InstanceChecks__Output as _prodbench_v1_InstanceChecks__Output } from './prodbench/v1/InstanceChecks.js';
import type { InstanceIdentity as _prodbench_v1_InstanceIdentity, InstanceIdentity__Output as _prodbench_v1_InstanceIdentity__Output } from './prodbench/v1/InstanceIdentity.js';
import type { InstanceInfo as _prodbench_v1_InstanceInfo, InstanceInfo__Output as _prodbench_v1_InstanceInfo__Output } from './prodbench/v1/InstanceInfo.js';
import type { InstanceMetrics as _prodbench_v1_InstanceMetrics, InstanceMetrics__Output as _prodbench_v1_InstanceMetrics__Output } from './prodbench/v1/InstanceMetrics.js';
import type { InstanceValue as _prodbench_v1_InstanceValue, InstanceValue__Output as _prodbench_v1_InstanceValue__Output } from './prodbench/v1/InstanceValue.js';
import type { LevelSource as _prodbench_v1_LevelSource, LevelSource__Output as _prodbench_v1_LevelSource__Output } from './prodbench/v1/LevelSource.js';
import type { ListAuditRequest as _prodbench_v1_ListAuditRequest, ListAuditRequest__Output as _prodbench_v1_ListAuditRequest__Output } from './prodbench/v1/ListAuditRequest.js';
import type { ListAuditResponse as _prodbench_v1_ListAuditResponse, ListAuditResponse__Output as _prodbench_v1_ListAuditResponse__Output } from './prodbench/v1/ListAuditResponse.js';
import type { ListChecksRequest as _prodbench_v1_ListChecksRequest, ListChecksRequest__Output as _prodbench_v1_ListChecksRequest__Output } from './prodbench/v1/ListChecksRequest.js';
import type { ListChecksResponse as _prodbench_v1_ListChecksResponse, ListChecksResponse__Output as _prodbench_v1_ListChecksResponse__Output } from './prodbench/v1/ListChecksResponse.js';
import type { ListIncidentsRequest as _prodbench_v1_ListIncidentsRequest, ListIncidentsRequest__Output as _prodbench_v1_ListIncidentsRequest__Output } from './prodbench/v1/ListIncidentsRequest.js';
import type { ListIncidentsResponse as _prodbench_v1_ListIncidentsResponse, ListIncidentsResponse__Output as _prodbench_v1_ListIncidentsResponse__Output } from './prodbench/v1/ListIncidentsResponse.js';
import type { ListInstancesRequest as _prodbench_v1_ListInstancesRequest, ListInstancesRequest__Output as _prodbench_v1_ListInstancesRequest__Output } from './prodbench/v1/ListInstancesRequest.js';
import type { ListInstancesResponse as _prodbench_v1_ListInstancesResponse, ListInstancesResponse__Output as _prodbench_v1_ListInstancesResponse__Output } from './prodbench/v1/ListInstancesResponse.js';
import type { ListMetricsRequest as _prodbench_v1_ListMetricsRequest, ListMetricsRequest__Output as _prodbench_v1_ListMetricsRequest__Output } from './prodbench/v1/ListMetricsRequest.js';
import type { ListMetricsResponse as _prodbench_v1_ListMetricsResponse, ListMetricsResponse__Output as _prodbench_v1_ListMetricsResponse__Output } from './prodbench/v1/ListMetricsResponse.js';
import type { ListRulesRequest as _prodbench_v1_ListRulesRequest, ListRulesRequest__Output as _prodbench_v1_ListRulesRequest__Output } from './prodbench/v1/ListRulesRequest.js';
import type { ListRulesResponse as _prodbench_v1_ListRulesResponse, ListRulesResponse__Output as _prodbench_v1_ListRulesResponse__Output } from './prodbench/v1/ListRulesResponse.js';
import type { ListServicesRequest as _prodbench_v1_ListServicesRequest, ListServicesRequest__Output as _prodbench_v1_ListServicesRequest__Output } from './prodbench/v1/ListServicesRequest.js';
import type { ListServicesResponse as _prodbench_v1_ListServicesResponse, ListServicesResponse__Output as _prodbench_v1_ListServicesResponse__Output } from './prodbench/v1/ListServicesResponse.js';
import type { ListTokensRequest as _prodbench_v1_ListTokensRequest, ListTokensRequest__Output as _prodbench_v1_ListTokensRequest__Output } from './prodbench/v1/ListTokensRequest.js';
import type { ListTokensResponse as _prodbench_v1_ListTokensResponse, ListTokensResponse__Output as _prodbench_v1_ListTokensResponse__Output } from './prodbench/v1/ListTokensResponse.js';
import type { LogCount as _prodbench_v1_LogCount, LogCount__Output as _prodbench_v1_LogCount__Output } from './prodbench/v1/LogCount.js';
import type { LogStats as _prodbench_v1_LogStats, LogStats__Output as _prodbench_v1_LogStats__Output } from './prodbench/v1/LogStats.js';
import type { MetricInfo as _prodbench_v1_MetricInfo, MetricInfo__Output as _prodbench_v1_MetricInfo__Output } from './prodbench/v1/MetricInfo.js';
import type { OpenIncidentRequest as _prodbench_v1_OpenIncidentRequest, OpenIncidentRequest__Output as _prodbench_v1_OpenIncidentRequest__Output } from './prodbench/v1/OpenIncidentRequest.js';
import type { Percentile as _prodbench_v1_Percentile, Percentile__Output as _prodbench_v1_Percentile__Output } from './prodbench/v1/Percentile.js';
import type { Quarantine as _prodbench_v1_Quarantine, Quarantine__Output as _prodbench_v1_Quarantine__Output } from './prodbench/v1/Quarantine.js';
import type { QuarantineState as _prodbench_v1_QuarantineState, QuarantineState__Output as _prodbench_v1_QuarantineState__Output } from './prodbench/v1/QuarantineState.js';
import type { Record as _prodbench_v1_Record, Record__Output as _prodbench_v1_Record__Output } from './prodbench/v1/Record.js';
import type { Rejection as _prodbench_v1_Rejection, Rejection__Output as _prodbench_v1_Rejection__Output } from './prodbench/v1/Rejection.js';
import type { RemoveRulesRequest as _prodbench_v1_RemoveRulesRequest, RemoveRulesRequest__Output as _prodbench_v1_RemoveRulesRequest__Output } from './prodbench/v1/RemoveRulesRequest.js';
import type { RevokeTokenRequest as _prodbench_v1_RevokeTokenRequest, RevokeTokenRequest__Output as _prodbench_v1_RevokeTokenRequest__Output } from './prodbench/v1/RevokeTokenRequest.js';
import type { Rollout as _prodbench_v1_Rollout, Rollout__Output as _prodbench_v1_Rollout__Output } from './prodbench/v1/Rollout.js';
import type { Rule as _prodbench_v1_Rule, Rule__Output as _prodbench_v1_Rule__Output } from './prodbench/v1/Rule.js';
import type { RuleSpec as _prodbench_v1_RuleSpec, RuleSpec__Output as _prodbench_v1_RuleSpec__Output } from './prodbench/v1/RuleSpec.js';
import type { RunCheckRequest as _prodbench_v1_RunCheckRequest, RunCheckRequest__Output as _prodbench_v1_RunCheckRequest__Output } from './prodbench/v1/RunCheckRequest.js';
import type { RunCheckResponse as _prodbench_v1_RunCheckResponse, RunCheckResponse__Output as _prodbench_v1_RunCheckResponse__Output } from './prodbench/v1/RunCheckResponse.js';
import type { Sample as _prodbench_v1_Sample, Sample__Output as _prodbench_v1_Sample__Output } from './prodbench/v1/Sample.js';
import type { ScalarSeries as _prodbench_v1_ScalarSeries, ScalarSeries__Output as _prodbench_v1_ScalarSeries__Output } from './prodbench/v1/ScalarSeries.js';
import type { ScalarSnapshot as _prodbench_v1_ScalarSnapshot, ScalarSnapshot__Output as _prodbench_v1_ScalarSnapshot__Output } from './prodbench/v1/ScalarSnapshot.js';
import type { ScalarWindow as _prodbench_v1_ScalarWindow, ScalarWindow__Output as _prodbench_v1_ScalarWindow__Output } from './prodbench/v1/ScalarWindow.js';
import type { Selector as _prodbench_v1_Selector, Selector__Output as _prodbench_v1_Selector__Output } from './prodbench/v1/Selector.js';
import type { SeriesPoint as _prodbench_v1_SeriesPoint, SeriesPoint__Output as _prodbench_v1_SeriesPoint__Output } from './prodbench/v1/SeriesPoint.js';
import type { ServiceSummary as _prodbench_v1_ServiceSummary, ServiceSummary__Output as _prodbench_v1_ServiceSummary__Output } from './prodbench/v1/ServiceSummary.js';
import type { SetRuleRequest as _prodbench_v1_SetRuleRequest, SetRuleRequest__Output as _prodbench_v1_SetRuleRequest__Output } from './prodbench/v1/SetRuleRequest.js';
import type { StoredToken as _prodbench_v1_StoredToken, StoredToken__Output as _prodbench_v1_StoredToken__Output } from './prodbench/v1/StoredToken.js';
import type { Tail as _prodbench_v1_Tail, Tail__Output as _prodbench_v1_Tail__Output } from './prodbench/v1/Tail.js';
import type { TailBatch as _prodbench_v1_TailBatch, TailBatch__Output as _prodbench_v1_TailBatch__Output } from './prodbench/v1/TailBatch.js';
import type { TailEvent as _prodbench_v1_TailEvent, TailEvent__Output as _prodbench_v1_TailEvent__Output } from './prodbench/v1/TailEvent.js';
import type { TailRequest as _prodbench_v1_TailRequest, TailRequest__Output as _prodbench_v1_TailRequest__Output } from './prodbench/v1/TailRequest.js';
import type { TokenInfo as _prodbench_v1_TokenInfo, TokenInfo__Output as _prodbench_v1_TokenInfo__Output } from './prodbench/v1/TokenInfo.js';
import type { UpdateIncidentRequest as _prodbench_v1_UpdateIncidentRequest, UpdateIncidentRequest__Output as _prodbench_v1_UpdateIncidentRequest__Output } from './prodbench/v1/UpdateIncidentRequest.js';
import type { WatchHistogramRequest as _prodbench_v1_WatchHistogramRequest, WatchHistogramRequest__Output as _prodbench_v1_WatchHistogramRequest__Output } from './prodbench/v1/WatchHistogramRequest.js';
import type { WatchMetricsRequest as _prodbench_v1_WatchMetricsRequest, WatchMetricsRequest__Output as _prodbench_v1_WatchMetricsRequest__Output } from './prodbench/v1/WatchMetricsRequest.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  prodbench: {
    v1: {
      Ack: MessageTypeDefinition<_prodbench_v1_Ack, _prodbench_v1_Ack__Output>
      ActiveCapture: MessageTypeDefinition<_prodbench_v1_ActiveCapture, _prodbench_v1_ActiveCapture__Output>
      ActiveLogRule: MessageTypeDefinition<_prodbench_v1_ActiveLogRule, _prodbench_v1_ActiveLogRule__Output>
      AppliedConfig: MessageTypeDefinition<_prodbench_v1_AppliedConfig, _prodbench_v1_AppliedConfig__Output>
      AuditRecord: MessageTypeDefinition<_prodbench_v1_AuditRecord, _prodbench_v1_AuditRecord__Output>
      Budget: MessageTypeDefinition<_prodbench_v1_Budget, _prodbench_v1_Budget__Output>
      Capture: MessageTypeDefinition<_prodbench_v1_Capture, _prodbench_v1_Capture__Output>
      ChangeResponse: MessageTypeDefinition<_prodbench_v1_ChangeResponse, _prodbench_v1_ChangeResponse__Output>
      CheckControl: MessageTypeDefinition<_prodbench_v1_CheckControl, _prodbench_v1_CheckControl__Output>
      CheckInfo: MessageTypeDefinition<_prodbench_v1_CheckInfo, _prodbench_v1_CheckInfo__Output>
      CheckResult: MessageTypeDefinition<_prodbench_v1_CheckResult, _prodbench_v1_CheckResult__Output>
      CheckRunReply: MessageTypeDefinition<_prodbench_v1_CheckRunReply, _prodbench_v1_CheckRunReply__Output>
      CheckRunRequest: MessageTypeDefinition<_prodbench_v1_CheckRunRequest, _prodbench_v1_CheckRunRequest__Output>
      ControlPlane: SubtypeConstructor<typeof grpc.Client, _prodbench_v1_ControlPlaneClient> & { service: _prodbench_v1_ControlPlaneDefinition }
      CreateTokenRequest: MessageTypeDefinition<_prodbench_v1_CreateTokenRequest, _prodbench_v1_CreateTokenRequest__Output>
      CreateTokenResponse: MessageTypeDefinition<_prodbench_v1_CreateTokenResponse, _prodbench_v1_CreateTokenResponse__Output>
      DesiredState: MessageTypeDefinition<_prodbench_v1_DesiredState, _prodbench_v1_DesiredState__Output>
      DumpInstancesRequest: MessageTypeDefinition<_prodbench_v1_DumpInstancesRequest, _prodbench_v1_DumpInstancesRequest__Output>
      DumpReply: MessageTypeDefinition<_prodbench_v1_DumpReply, _prodbench_v1_DumpReply__Output>
      DumpRequest: MessageTypeDefinition<_prodbench_v1_DumpRequest, _prodbench_v1_DumpRequest__Output>
      DumpResponse: MessageTypeDefinition<_prodbench_v1_DumpResponse, _prodbench_v1_DumpResponse__Output>
      EffectiveLevel: MessageTypeDefinition<_prodbench_v1_EffectiveLevel, _prodbench_v1_EffectiveLevel__Output>
      GetHistogramRequest: MessageTypeDefinition<_prodbench_v1_GetHistogramRequest, _prodbench_v1_GetHistogramRequest__Output>
      GetHistogramResponse: MessageTypeDefinition<_prodbench_v1_GetHistogramResponse, _prodbench_v1_GetHistogramResponse__Output>
      GetIncidentRequest: MessageTypeDefinition<_prodbench_v1_GetIncidentRequest, _prodbench_v1_GetIncidentRequest__Output>
      GetStatusRequest: MessageTypeDefinition<_prodbench_v1_GetStatusRequest, _prodbench_v1_GetStatusRequest__Output>
      GetStatusResponse: MessageTypeDefinition<_prodbench_v1_GetStatusResponse, _prodbench_v1_GetStatusResponse__Output>
      Heartbeat: MessageTypeDefinition<_prodbench_v1_Heartbeat, _prodbench_v1_Heartbeat__Output>
      HistogramBucket: MessageTypeDefinition<_prodbench_v1_HistogramBucket, _prodbench_v1_HistogramBucket__Output>
      HistogramSnapshot: MessageTypeDefinition<_prodbench_v1_HistogramSnapshot, _prodbench_v1_HistogramSnapshot__Output>
      HistogramWindow: MessageTypeDefinition<_prodbench_v1_HistogramWindow, _prodbench_v1_HistogramWindow__Output>
      Incident: MessageTypeDefinition<_prodbench_v1_Incident, _prodbench_v1_Incident__Output>
      IncidentError: MessageTypeDefinition<_prodbench_v1_IncidentError, _prodbench_v1_IncidentError__Output>
      IncidentReport: MessageTypeDefinition<_prodbench_v1_IncidentReport, _prodbench_v1_IncidentReport__Output>
      InspectInstanceRequest: MessageTypeDefinition<_prodbench_v1_InspectInstanceRequest, _prodbench_v1_InspectInstanceRequest__Output>
      InspectReply: MessageTypeDefinition<_prodbench_v1_InspectReply, _prodbench_v1_InspectReply__Output>
      InspectRequest: MessageTypeDefinition<_prodbench_v1_InspectRequest, _prodbench_v1_InspectRequest__Output>
      InstanceChecks: MessageTypeDefinition<_prodbench_v1_InstanceChecks, _prodbench_v1_InstanceChecks__Output>
      InstanceIdentity: MessageTypeDefinition<_prodbench_v1_InstanceIdentity, _prodbench_v1_InstanceIdentity__Output>
      InstanceInfo: MessageTypeDefinition<_prodbench_v1_InstanceInfo, _prodbench_v1_InstanceInfo__Output>
      InstanceMetrics: MessageTypeDefinition<_prodbench_v1_InstanceMetrics, _prodbench_v1_InstanceMetrics__Output>
      InstanceValue: MessageTypeDefinition<_prodbench_v1_InstanceValue, _prodbench_v1_InstanceValue__Output>
      LevelSource: MessageTypeDefinition<_prodbench_v1_LevelSource, _prodbench_v1_LevelSource__Output>
      ListAuditRequest: MessageTypeDefinition<_prodbench_v1_ListAuditRequest, _prodbench_v1_ListAuditRequest__Output>
      ListAuditResponse: MessageTypeDefinition<_prodbench_v1_ListAuditResponse, _prodbench_v1_ListAuditResponse__Output>
      ListChecksRequest: MessageTypeDefinition<_prodbench_v1_ListChecksRequest, _prodbench_v1_ListChecksRequest__Output>
      ListChecksResponse: MessageTypeDefinition<_prodbench_v1_ListChecksResponse, _prodbench_v1_ListChecksResponse__Output>
      ListIncidentsRequest: MessageTypeDefinition<_prodbench_v1_ListIncidentsRequest, _prodbench_v1_ListIncidentsRequest__Output>
      ListIncidentsResponse: MessageTypeDefinition<_prodbench_v1_ListIncidentsResponse, _prodbench_v1_ListIncidentsResponse__Output>
      ListInstancesRequest: MessageTypeDefinition<_prodbench_v1_ListInstancesRequest, _prodbench_v1_ListInstancesRequest__Output>
      ListInstancesResponse: MessageTypeDefinition<_prodbench_v1_ListInstancesResponse, _prodbench_v1_ListInstancesResponse__Output>
      ListMetricsRequest: MessageTypeDefinition<_prodbench_v1_ListMetricsRequest, _prodbench_v1_ListMetricsRequest__Output>
      ListMetricsResponse: MessageTypeDefinition<_prodbench_v1_ListMetricsResponse, _prodbench_v1_ListMetricsResponse__Output>
      ListRulesRequest: MessageTypeDefinition<_prodbench_v1_ListRulesRequest, _prodbench_v1_ListRulesRequest__Output>
      ListRulesResponse: MessageTypeDefinition<_prodbench_v1_ListRulesResponse, _prodbench_v1_ListRulesResponse__Output>
      ListServicesRequest: MessageTypeDefinition<_prodbench_v1_ListServicesRequest, _prodbench_v1_ListServicesRequest__Output>
      ListServicesResponse: MessageTypeDefinition<_prodbench_v1_ListServicesResponse, _prodbench_v1_ListServicesResponse__Output>
      ListTokensRequest: MessageTypeDefinition<_prodbench_v1_ListTokensRequest, _prodbench_v1_ListTokensRequest__Output>
      ListTokensResponse: MessageTypeDefinition<_prodbench_v1_ListTokensResponse, _prodbench_v1_ListTokensResponse__Output>
      LogCount: MessageTypeDefinition<_prodbench_v1_LogCount, _prodbench_v1_LogCount__Output>
      LogStats: MessageTypeDefinition<_prodbench_v1_LogStats, _prodbench_v1_LogStats__Output>
      MetricInfo: MessageTypeDefinition<_prodbench_v1_MetricInfo, _prodbench_v1_MetricInfo__Output>
      OpenIncidentRequest: MessageTypeDefinition<_prodbench_v1_OpenIncidentRequest, _prodbench_v1_OpenIncidentRequest__Output>
      Percentile: MessageTypeDefinition<_prodbench_v1_Percentile, _prodbench_v1_Percentile__Output>
      Quarantine: MessageTypeDefinition<_prodbench_v1_Quarantine, _prodbench_v1_Quarantine__Output>
      QuarantineState: MessageTypeDefinition<_prodbench_v1_QuarantineState, _prodbench_v1_QuarantineState__Output>
      Record: MessageTypeDefinition<_prodbench_v1_Record, _prodbench_v1_Record__Output>
      Rejection: MessageTypeDefinition<_prodbench_v1_Rejection, _prodbench_v1_Rejection__Output>
      RemoveRulesRequest: MessageTypeDefinition<_prodbench_v1_RemoveRulesRequest, _prodbench_v1_RemoveRulesRequest__Output>
      RevokeTokenRequest: MessageTypeDefinition<_prodbench_v1_RevokeTokenRequest, _prodbench_v1_RevokeTokenRequest__Output>
      Rollout: MessageTypeDefinition<_prodbench_v1_Rollout, _prodbench_v1_Rollout__Output>
      Rule: MessageTypeDefinition<_prodbench_v1_Rule, _prodbench_v1_Rule__Output>
      RuleSpec: MessageTypeDefinition<_prodbench_v1_RuleSpec, _prodbench_v1_RuleSpec__Output>
      RunCheckRequest: MessageTypeDefinition<_prodbench_v1_RunCheckRequest, _prodbench_v1_RunCheckRequest__Output>
      RunCheckResponse: MessageTypeDefinition<_prodbench_v1_RunCheckResponse, _prodbench_v1_RunCheckResponse__Output>
      Sample: MessageTypeDefinition<_prodbench_v1_Sample, _prodbench_v1_Sample__Output>
      ScalarSeries: MessageTypeDefinition<_prodbench_v1_ScalarSeries, _prodbench_v1_ScalarSeries__Output>
      ScalarSnapshot: MessageTypeDefinition<_prodbench_v1_ScalarSnapshot, _prodbench_v1_ScalarSnapshot__Output>
      ScalarWindow: MessageTypeDefinition<_prodbench_v1_ScalarWindow, _prodbench_v1_ScalarWindow__Output>
      Selector: MessageTypeDefinition<_prodbench_v1_Selector, _prodbench_v1_Selector__Output>
      SeriesPoint: MessageTypeDefinition<_prodbench_v1_SeriesPoint, _prodbench_v1_SeriesPoint__Output>
      ServiceSummary: MessageTypeDefinition<_prodbench_v1_ServiceSummary, _prodbench_v1_ServiceSummary__Output>
      SetRuleRequest: MessageTypeDefinition<_prodbench_v1_SetRuleRequest, _prodbench_v1_SetRuleRequest__Output>
      StoredToken: MessageTypeDefinition<_prodbench_v1_StoredToken, _prodbench_v1_StoredToken__Output>
      Tail: MessageTypeDefinition<_prodbench_v1_Tail, _prodbench_v1_Tail__Output>
      TailBatch: MessageTypeDefinition<_prodbench_v1_TailBatch, _prodbench_v1_TailBatch__Output>
      TailEvent: MessageTypeDefinition<_prodbench_v1_TailEvent, _prodbench_v1_TailEvent__Output>
      TailRequest: MessageTypeDefinition<_prodbench_v1_TailRequest, _prodbench_v1_TailRequest__Output>
      TokenInfo: MessageTypeDefinition<_prodbench_v1_TokenInfo, _prodbench_v1_TokenInfo__Output>
      UpdateIncidentRequest: MessageTypeDefinition<_prodbench_v1_UpdateIncidentRequest, _prodbench_v1_UpdateIncidentRequest__Output>
      WatchHistogramRequest: MessageTypeDefinition<_prodbench_v1_WatchHistogramRequest, _prodbench_v1_WatchHistogramRequest__Output>
      WatchMetricsRequest: MessageTypeDefinition<_prodbench_v1_WatchMetricsRequest, _prodbench_v1_WatchMetricsRequest__Output>
    }
  }
}

