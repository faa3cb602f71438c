// Original file: proto/prodbench/v1/control_plane.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ChangeResponse as _prodbench_v1_ChangeResponse, ChangeResponse__Output as _prodbench_v1_ChangeResponse__Output } from '../../prodbench/v1/ChangeResponse.js';
import type { CreateTokenRequest as _prodbench_v1_CreateTokenRequest, CreateTokenRequest__Output as _prodbench_v1_CreateTokenRequest__Output } from '../../prodbench/v1/CreateTokenRequest.js';
import type { CreateTokenResponse as _prodbench_v1_CreateTokenResponse, CreateTokenResponse__Output as _prodbench_v1_CreateTokenResponse__Output } from '../../prodbench/v1/CreateTokenResponse.js';
import type { DumpInstancesRequest as _prodbench_v1_DumpInstancesRequest, DumpInstancesRequest__Output as _prodbench_v1_DumpInstancesRequest__Output } from '../../prodbench/v1/DumpInstancesRequest.js';
import type { DumpResponse as _prodbench_v1_DumpResponse, DumpResponse__Output as _prodbench_v1_DumpResponse__Output } from '../../prodbench/v1/DumpResponse.js';
import type { GetHistogramRequest as _prodbench_v1_GetHistogramRequest, GetHistogramRequest__Output as _prodbench_v1_GetHistogramRequest__Output } from '../../prodbench/v1/GetHistogramRequest.js';
import type { GetHistogramResponse as _prodbench_v1_GetHistogramResponse, GetHistogramResponse__Output as _prodbench_v1_GetHistogramResponse__Output } from '../../prodbench/v1/GetHistogramResponse.js';
import type { GetIncidentRequest as _prodbench_v1_GetIncidentRequest, GetIncidentRequest__Output as _prodbench_v1_GetIncidentRequest__Output } from '../../prodbench/v1/GetIncidentRequest.js';
import type { GetStatusRequest as _prodbench_v1_GetStatusRequest, GetStatusRequest__Output as _prodbench_v1_GetStatusRequest__Output } from '../../prodbench/v1/GetStatusRequest.js';
import type { GetStatusResponse as _prodbench_v1_GetStatusResponse, GetStatusResponse__Output as _prodbench_v1_GetStatusResponse__Output } from '../../prodbench/v1/GetStatusResponse.js';
import type { HistogramWindow as _prodbench_v1_HistogramWindow, HistogramWindow__Output as _prodbench_v1_HistogramWindow__Output } from '../../prodbench/v1/HistogramWindow.js';
import type { Incident as _prodbench_v1_Incident, Incident__Output as _prodbench_v1_Incident__Output } from '../../prodbench/v1/Incident.js';
import type { InspectInstanceRequest as _prodbench_v1_InspectInstanceRequest, InspectInstanceRequest__Output as _prodbench_v1_InspectInstanceRequest__Output } from '../../prodbench/v1/InspectInstanceRequest.js';
import type { InspectReply as _prodbench_v1_InspectReply, InspectReply__Output as _prodbench_v1_InspectReply__Output } from '../../prodbench/v1/InspectReply.js';
import type { ListAuditRequest as _prodbench_v1_ListAuditRequest, ListAuditRequest__Output as _prodbench_v1_ListAuditRequest__Output } from '../../prodbench/v1/ListAuditRequest.js';
import type { ListAuditResponse as _prodbench_v1_ListAuditResponse, ListAuditResponse__Output as _prodbench_v1_ListAuditResponse__Output } from '../../prodbench/v1/ListAuditResponse.js';
import type { ListChecksRequest as _prodbench_v1_ListChecksRequest, ListChecksRequest__Output as _prodbench_v1_ListChecksRequest__Output } from '../../prodbench/v1/ListChecksRequest.js';
import type { ListChecksResponse as _prodbench_v1_ListChecksResponse, ListChecksResponse__Output as _prodbench_v1_ListChecksResponse__Output } from '../../prodbench/v1/ListChecksResponse.js';
import type { ListIncidentsRequest as _prodbench_v1_ListIncidentsRequest, ListIncidentsRequest__Output as _prodbench_v1_ListIncidentsRequest__Output } from '../../prodbench/v1/ListIncidentsRequest.js';
import type { ListIncidentsResponse as _prodbench_v1_ListIncidentsResponse, ListIncidentsResponse__Output as _prodbench_v1_ListIncidentsResponse__Output } from '../../prodbench/v1/ListIncidentsResponse.js';
import type { ListInstancesRequest as _prodbench_v1_ListInstancesRequest, ListInstancesRequest__Output as _prodbench_v1_ListInstancesRequest__Output } from '../../prodbench/v1/ListInstancesRequest.js';
import type { ListInstancesResponse as _prodbench_v1_ListInstancesResponse, ListInstancesResponse__Output as _prodbench_v1_ListInstancesResponse__Output } from '../../prodbench/v1/ListInstancesResponse.js';
import type { ListMetricsRequest as _prodbench_v1_ListMetricsRequest, ListMetricsRequest__Output as _prodbench_v1_ListMetricsRequest__Output } from '../../prodbench/v1/ListMetricsRequest.js';
import type { ListMetricsResponse as _prodbench_v1_ListMetricsResponse, ListMetricsResponse__Output as _prodbench_v1_ListMetricsResponse__Output } from '../../prodbench/v1/ListMetricsResponse.js';
import type { ListRulesRequest as _prodbench_v1_ListRulesRequest, ListRulesRequest__Output as _prodbench_v1_ListRulesRequest__Output } from '../../prodbench/v1/ListRulesRequest.js';
import type { ListRulesResponse as _prodbench_v1_ListRulesResponse, ListRulesResponse__Output as _prodbench_v1_ListRulesResponse__Output } from '../../prodbench/v1/ListRulesResponse.js';
import type { ListServicesRequest as _prodbench_v1_ListServicesRequest, ListServicesRequest__Output as _prodbench_v1_ListServicesRequest__Output } from '../../prodbench/v1/ListServicesRequest.js';
import type { ListServicesResponse as _prodbench_v1_ListServicesResponse, ListServicesResponse__Output as _prodbench_v1_ListServicesResponse__Output } from '../../prodbench/v1/ListServicesResponse.js';
import type { ListTokensRequest as _prodbench_v1_ListTokensRequest, ListTokensRequest__Output as _prodbench_v1_ListTokensRequest__Output } from '../../prodbench/v1/ListTokensRequest.js';
import type { ListTokensResponse as _prodbench_v1_ListTokensResponse, ListTokensResponse__Output as _prodbench_v1_ListTokensResponse__Output } from '../../prodbench/v1/ListTokensResponse.js';
import type { OpenIncidentRequest as _prodbench_v1_OpenIncidentRequest, OpenIncidentRequest__Output as _prodbench_v1_OpenIncidentRequest__Output } from '../../prodbench/v1/OpenIncidentRequest.js';
import type { RemoveRulesRequest as _prodbench_v1_RemoveRulesRequest, RemoveRulesRequest__Output as _prodbench_v1_RemoveRulesRequest__Output } from '../../prodbench/v1/RemoveRulesRequest.js';
import type { RevokeTokenRequest as _prodbench_v1_RevokeTokenRequest, RevokeTokenRequest__Output as _prodbench_v1_RevokeTokenRequest__Output } from '../../prodbench/v1/RevokeTokenRequest.js';
import type { RunCheckRequest as _prodbench_v1_RunCheckRequest, RunCheckRequest__Output as _prodbench_v1_RunCheckRequest__Output } from '../../prodbench/v1/RunCheckRequest.js';
import type { RunCheckResponse as _prodbench_v1_RunCheckResponse, RunCheckResponse__Output as _prodbench_v1_RunCheckResponse__Output } from '../../prodbench/v1/RunCheckResponse.js';
import type { ScalarWindow as _prodbench_v1_ScalarWindow, ScalarWindow__Output as _prodbench_v1_ScalarWindow__Output } from '../../prodbench/v1/ScalarWindow.js';
import type { SetRuleRequest as _prodbench_v1_SetRuleRequest, SetRuleRequest__Output as _prodbench_v1_SetRuleRequest__Output } from '../../prodbench/v1/SetRuleRequest.js';
import type { TailEvent as _prodbench_v1_TailEvent, TailEvent__Output as _prodbench_v1_TailEvent__Output } from '../../prodbench/v1/TailEvent.js';
import type { TailRequest as _prodbench_v1_TailRequest, TailRequest__Output as _prodbench_v1_TailRequest__Output } from '../../prodbench/v1/TailRequest.js';
import type { TokenInfo as _prodbench_v1_TokenInfo, TokenInfo__Output as _prodbench_v1_TokenInfo__Output } from '../../prodbench/v1/TokenInfo.js';
import type { UpdateIncidentRequest as _prodbench_v1_UpdateIncidentRequest, UpdateIncidentRequest__Output as _prodbench_v1_UpdateIncidentRequest__Output } from '../../prodbench/v1/UpdateIncidentRequest.js';
import type { WatchHistogramRequest as _prodbench_v1_WatchHistogramRequest, WatchHistogramRequest__Output as _prodbench_v1_WatchHistogramRequest__Output } from '../../prodbench/v1/WatchHistogramRequest.js';
import type { WatchMetricsRequest as _prodbench_v1_WatchMetricsRequest, WatchMetricsRequest__Output as _prodbench_v1_WatchMetricsRequest__Output } from '../../prodbench/v1/WatchMetricsRequest.js';

export interface ControlPlaneClient extends grpc.Client {
  CreateToken(argument: _prodbench_v1_CreateTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateToken(argument: _prodbench_v1_CreateTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateToken(argument: _prodbench_v1_CreateTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateToken(argument: _prodbench_v1_CreateTokenRequest, callback: grpc.requestCallback<_prodbench_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  createToken(argument: _prodbench_v1_CreateTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  createToken(argument: _prodbench_v1_CreateTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  createToken(argument: _prodbench_v1_CreateTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  createToken(argument: _prodbench_v1_CreateTokenRequest, callback: grpc.requestCallback<_prodbench_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  
  Dump(argument: _prodbench_v1_DumpInstancesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_DumpResponse__Output>): grpc.ClientUnaryCall;
  Dump(argument: _prodbench_v1_DumpInstancesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_DumpResponse__Output>): grpc.ClientUnaryCall;
  Dump(argument: _prodbench_v1_DumpInstancesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_DumpResponse__Output>): grpc.ClientUnaryCall;
  Dump(argument: _prodbench_v1_DumpInstancesRequest, callback: grpc.requestCallback<_prodbench_v1_DumpResponse__Output>): grpc.ClientUnaryCall;
  dump(argument: _prodbench_v1_DumpInstancesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_DumpResponse__Output>): grpc.ClientUnaryCall;
  dump(argument: _prodbench_v1_DumpInstancesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_DumpResponse__Output>): grpc.ClientUnaryCall;
  dump(argument: _prodbench_v1_DumpInstancesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_DumpResponse__Output>): grpc.ClientUnaryCall;
  dump(argument: _prodbench_v1_DumpInstancesRequest, callback: grpc.requestCallback<_prodbench_v1_DumpResponse__Output>): grpc.ClientUnaryCall;
  
  GetHistogram(argument: _prodbench_v1_GetHistogramRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_GetHistogramResponse__Output>): grpc.ClientUnaryCall;
  GetHistogram(argument: _prodbench_v1_GetHistogramRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_GetHistogramResponse__Output>): grpc.ClientUnaryCall;
  GetHistogram(argument: _prodbench_v1_GetHistogramRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_GetHistogramResponse__Output>): grpc.ClientUnaryCall;
  GetHistogram(argument: _prodbench_v1_GetHistogramRequest, callback: grpc.requestCallback<_prodbench_v1_GetHistogramResponse__Output>): grpc.ClientUnaryCall;
  getHistogram(argument: _prodbench_v1_GetHistogramRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_GetHistogramResponse__Output>): grpc.ClientUnaryCall;
  getHistogram(argument: _prodbench_v1_GetHistogramRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_GetHistogramResponse__Output>): grpc.ClientUnaryCall;
  getHistogram(argument: _prodbench_v1_GetHistogramRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_GetHistogramResponse__Output>): grpc.ClientUnaryCall;
  getHistogram(argument: _prodbench_v1_GetHistogramRequest, callback: grpc.requestCallback<_prodbench_v1_GetHistogramResponse__Output>): grpc.ClientUnaryCall;
  
  GetIncident(argument: _prodbench_v1_GetIncidentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_Incident__Output>): grpc.ClientUnaryCall;
  GetIncident(argument: _prodbench_v1_GetIncidentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_Incident__Output>): grpc.ClientUnaryCall;
  GetIncident(argument: _prodbench_v1_GetIncidentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_Incident__Output>): grpc.ClientUnaryCall;
  GetIncident(argument: _prodbench_v1_GetIncidentRequest, callback: grpc.requestCallback<_prodbench_v1_Incident__Output>): grpc.ClientUnaryCall;
  getIncident(argument: _prodbench_v1_GetIncidentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_Incident__Output>): grpc.ClientUnaryCall;
  getIncident(argument: _prodbench_v1_GetIncidentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_Incident__Output>): grpc.ClientUnaryCall;
  getIncident(argument: _prodbench_v1_GetIncidentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_Incident__Output>): grpc.ClientUnaryCall;
  getIncident(argument: _prodbench_v1_GetIncidentRequest, callback: grpc.requestCallback<_prodbench_v1_Incident__Output>): grpc.ClientUnaryCall;
  
  GetStatus(argument: _prodbench_v1_GetStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_GetStatusResponse__Output>): grpc.ClientUnaryCall;
  GetStatus(argument: _prodbench_v1_GetStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_GetStatusResponse__Output>): grpc.ClientUnaryCall;
  GetStatus(argument: _prodbench_v1_GetStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_GetStatusResponse__Output>): grpc.ClientUnaryCall;
  GetStatus(argument: _prodbench_v1_GetStatusRequest, callback: grpc.requestCallback<_prodbench_v1_GetStatusResponse__Output>): grpc.ClientUnaryCall;
  getStatus(argument: _prodbench_v1_GetStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_GetStatusResponse__Output>): grpc.ClientUnaryCall;
  getStatus(argument: _prodbench_v1_GetStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_GetStatusResponse__Output>): grpc.ClientUnaryCall;
  getStatus(argument: _prodbench_v1_GetStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_GetStatusResponse__Output>): grpc.ClientUnaryCall;
  getStatus(argument: _prodbench_v1_GetStatusRequest, callback: grpc.requestCallback<_prodbench_v1_GetStatusResponse__Output>): grpc.ClientUnaryCall;
  
  Inspect(argument: _prodbench_v1_InspectInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_InspectReply__Output>): grpc.ClientUnaryCall;
  Inspect(argument: _prodbench_v1_InspectInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_InspectReply__Output>): grpc.ClientUnaryCall;
  Inspect(argument: _prodbench_v1_InspectInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_InspectReply__Output>): grpc.ClientUnaryCall;
  Inspect(argument: _prodbench_v1_InspectInstanceRequest, callback: grpc.requestCallback<_prodbench_v1_InspectReply__Output>): grpc.ClientUnaryCall;
  inspect(argument: _prodbench_v1_InspectInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_InspectReply__Output>): grpc.ClientUnaryCall;
  inspect(argument: _prodbench_v1_InspectInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_InspectReply__Output>): grpc.ClientUnaryCall;
  inspect(argument: _prodbench_v1_InspectInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_InspectReply__Output>): grpc.ClientUnaryCall;
  inspect(argument: _prodbench_v1_InspectInstanceRequest, callback: grpc.requestCallback<_prodbench_v1_InspectReply__Output>): grpc.ClientUnaryCall;
  
  ListAudit(argument: _prodbench_v1_ListAuditRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListAuditResponse__Output>): grpc.ClientUnaryCall;
  ListAudit(argument: _prodbench_v1_ListAuditRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_ListAuditResponse__Output>): grpc.ClientUnaryCall;
  ListAudit(argument: _prodbench_v1_ListAuditRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListAuditResponse__Output>): grpc.ClientUnaryCall;
  ListAudit(argument: _prodbench_v1_ListAuditRequest, callback: grpc.requestCallback<_prodbench_v1_ListAuditResponse__Output>): grpc.ClientUnaryCall;
  listAudit(argument: _prodbench_v1_ListAuditRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListAuditResponse__Output>): grpc.ClientUnaryCall;
  listAudit(argument: _prodbench_v1_ListAuditRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_ListAuditResponse__Output>): grpc.ClientUnaryCall;
  listAudit(argument: _prodbench_v1_ListAuditRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListAuditResponse__Output>): grpc.ClientUnaryCall;
  listAudit(argument: _prodbench_v1_ListAuditRequest, callback: grpc.requestCallback<_prodbench_v1_ListAuditResponse__Output>): grpc.ClientUnaryCall;
  
  ListChecks(argument: _prodbench_v1_ListChecksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListChecksResponse__Output>): grpc.ClientUnaryCall;
  ListChecks(argument: _prodbench_v1_ListChecksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_ListChecksResponse__Output>): grpc.ClientUnaryCall;
  ListChecks(argument: _prodbench_v1_ListChecksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListChecksResponse__Output>): grpc.ClientUnaryCall;
  ListChecks(argument: _prodbench_v1_ListChecksRequest, callback: grpc.requestCallback<_prodbench_v1_ListChecksResponse__Output>): grpc.ClientUnaryCall;
  listChecks(argument: _prodbench_v1_ListChecksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListChecksResponse__Output>): grpc.ClientUnaryCall;
  listChecks(argument: _prodbench_v1_ListChecksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_ListChecksResponse__Output>): grpc.ClientUnaryCall;
  listChecks(argument: _prodbench_v1_ListChecksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListChecksResponse__Output>): grpc.ClientUnaryCall;
  listChecks(argument: _prodbench_v1_ListChecksRequest, callback: grpc.requestCallback<_prodbench_v1_ListChecksResponse__Output>): grpc.ClientUnaryCall;
  
  ListIncidents(argument: _prodbench_v1_ListIncidentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListIncidentsResponse__Output>): grpc.ClientUnaryCall;
  ListIncidents(argument: _prodbench_v1_ListIncidentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_ListIncidentsResponse__Output>): grpc.ClientUnaryCall;
  ListIncidents(argument: _prodbench_v1_ListIncidentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListIncidentsResponse__Output>): grpc.ClientUnaryCall;
  ListIncidents(argument: _prodbench_v1_ListIncidentsRequest, callback: grpc.requestCallback<_prodbench_v1_ListIncidentsResponse__Output>): grpc.ClientUnaryCall;
  listIncidents(argument: _prodbench_v1_ListIncidentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListIncidentsResponse__Output>): grpc.ClientUnaryCall;
  listIncidents(argument: _prodbench_v1_ListIncidentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_ListIncidentsResponse__Output>): grpc.ClientUnaryCall;
  listIncidents(argument: _prodbench_v1_ListIncidentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListIncidentsResponse__Output>): grpc.ClientUnaryCall;
  listIncidents(argument: _prodbench_v1_ListIncidentsRequest, callback: grpc.requestCallback<_prodbench_v1_ListIncidentsResponse__Output>): grpc.ClientUnaryCall;
  
  ListInstances(argument: _prodbench_v1_ListInstancesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListInstancesResponse__Output>): grpc.ClientUnaryCall;
  ListInstances(argument: _prodbench_v1_ListInstancesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_ListInstancesResponse__Output>): grpc.ClientUnaryCall;
  ListInstances(argument: _prodbench_v1_ListInstancesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListInstancesResponse__Output>): grpc.ClientUnaryCall;
  ListInstances(argument: _prodbench_v1_ListInstancesRequest, callback: grpc.requestCallback<_prodbench_v1_ListInstancesResponse__Output>): grpc.ClientUnaryCall;
  listInstances(argument: _prodbench_v1_ListInstancesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListInstancesResponse__Output>): grpc.ClientUnaryCall;
  listInstances(argument: _prodbench_v1_ListInstancesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_ListInstancesResponse__Output>): grpc.ClientUnaryCall;
  listInstances(argument: _prodbench_v1_ListInstancesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListInstancesResponse__Output>): grpc.ClientUnaryCall;
  listInstances(argument: _prodbench_v1_ListInstancesRequest, callback: grpc.requestCallback<_prodbench_v1_ListInstancesResponse__Output>): grpc.ClientUnaryCall;
  
  ListMetrics(argument: _prodbench_v1_ListMetricsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListMetricsResponse__Output>): grpc.ClientUnaryCall;
  ListMetrics(argument: _prodbench_v1_ListMetricsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_ListMetricsResponse__Output>): grpc.ClientUnaryCall;
  ListMetrics(argument: _prodbench_v1_ListMetricsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListMetricsResponse__Output>): grpc.ClientUnaryCall;
  ListMetrics(argument: _prodbench_v1_ListMetricsRequest, callback: grpc.requestCallback<_prodbench_v1_ListMetricsResponse__Output>): grpc.ClientUnaryCall;
  listMetrics(argument: _prodbench_v1_ListMetricsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListMetricsResponse__Output>): grpc.ClientUnaryCall;
  listMetrics(argument: _prodbench_v1_ListMetricsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_ListMetricsResponse__Output>): grpc.ClientUnaryCall;
  listMetrics(argument: _prodbench_v1_ListMetricsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListMetricsResponse__Output>): grpc.ClientUnaryCall;
  listMetrics(argument: _prodbench_v1_ListMetricsRequest, callback: grpc.requestCallback<_prodbench_v1_ListMetricsResponse__Output>): grpc.ClientUnaryCall;
  
  ListRules(argument: _prodbench_v1_ListRulesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListRulesResponse__Output>): grpc.ClientUnaryCall;
  ListRules(argument: _prodbench_v1_ListRulesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_ListRulesResponse__Output>): grpc.ClientUnaryCall;
  ListRules(argument: _prodbench_v1_ListRulesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListRulesResponse__Output>): grpc.ClientUnaryCall;
  ListRules(argument: _prodbench_v1_ListRulesRequest, callback: grpc.requestCallback<_prodbench_v1_ListRulesResponse__Output>): grpc.ClientUnaryCall;
  listRules(argument: _prodbench_v1_ListRulesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListRulesResponse__Output>): grpc.ClientUnaryCall;
  listRules(argument: _prodbench_v1_ListRulesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_ListRulesResponse__Output>): grpc.ClientUnaryCall;
  listRules(argument: _prodbench_v1_ListRulesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListRulesResponse__Output>): grpc.ClientUnaryCall;
  listRules(argument: _prodbench_v1_ListRulesRequest, callback: grpc.requestCallback<_prodbench_v1_ListRulesResponse__Output>): grpc.ClientUnaryCall;
  
  ListServices(argument: _prodbench_v1_ListServicesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListServicesResponse__Output>): grpc.ClientUnaryCall;
  ListServices(argument: _prodbench_v1_ListServicesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_ListServicesResponse__Output>): grpc.ClientUnaryCall;
  ListServices(argument: _prodbench_v1_ListServicesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListServicesResponse__Output>): grpc.ClientUnaryCall;
  ListServices(argument: _prodbench_v1_ListServicesRequest, callback: grpc.requestCallback<_prodbench_v1_ListServicesResponse__Output>): grpc.ClientUnaryCall;
  listServices(argument: _prodbench_v1_ListServicesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListServicesResponse__Output>): grpc.ClientUnaryCall;
  listServices(argument: _prodbench_v1_ListServicesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_ListServicesResponse__Output>): grpc.ClientUnaryCall;
  listServices(argument: _prodbench_v1_ListServicesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListServicesResponse__Output>): grpc.ClientUnaryCall;
  listServices(argument: _prodbench_v1_ListServicesRequest, callback: grpc.requestCallback<_prodbench_v1_ListServicesResponse__Output>): grpc.ClientUnaryCall;
  
  ListTokens(argument: _prodbench_v1_ListTokensRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  ListTokens(argument: _prodbench_v1_ListTokensRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  ListTokens(argument: _prodbench_v1_ListTokensRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  ListTokens(argument: _prodbench_v1_ListTokensRequest, callback: grpc.requestCallback<_prodbench_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _prodbench_v1_ListTokensRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _prodbench_v1_ListTokensRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _prodbench_v1_ListTokensRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _prodbench_v1_ListTokensRequest, callback: grpc.requestCallback<_prodbench_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  
  OpenIncident(argument: _prodbench_v1_OpenIncidentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_Incident__Output>): grpc.ClientUnaryCall;
  OpenIncident(argument: _prodbench_v1_OpenIncidentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_Incident__Output>): grpc.ClientUnaryCall;
  OpenIncident(argument: _prodbench_v1_OpenIncidentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_Incident__Output>): grpc.ClientUnaryCall;
  OpenIncident(argument: _prodbench_v1_OpenIncidentRequest, callback: grpc.requestCallback<_prodbench_v1_Incident__Output>): grpc.ClientUnaryCall;
  openIncident(argument: _prodbench_v1_OpenIncidentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_Incident__Output>): grpc.ClientUnaryCall;
  openIncident(argument: _prodbench_v1_OpenIncidentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_Incident__Output>): grpc.ClientUnaryCall;
  openIncident(argument: _prodbench_v1_OpenIncidentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_Incident__Output>): grpc.ClientUnaryCall;
  openIncident(argument: _prodbench_v1_OpenIncidentRequest, callback: grpc.requestCallback<_prodbench_v1_Incident__Output>): grpc.ClientUnaryCall;
  
  RemoveRules(argument: _prodbench_v1_RemoveRulesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ChangeResponse__Output>): grpc.ClientUnaryCall;
  RemoveRules(argument: _prodbench_v1_RemoveRulesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_ChangeResponse__Output>): grpc.ClientUnaryCall;
  RemoveRules(argument: _prodbench_v1_RemoveRulesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ChangeResponse__Output>): grpc.ClientUnaryCall;
  RemoveRules(argument: _prodbench_v1_RemoveRulesRequest, callback: grpc.requestCallback<_prodbench_v1_ChangeResponse__Output>): grpc.ClientUnaryCall;
  removeRules(argument: _prodbench_v1_RemoveRulesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ChangeResponse__Output>): grpc.ClientUnaryCall;
  removeRules(argument: _prodbench_v1_RemoveRulesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_ChangeResponse__Output>): grpc.ClientUnaryCall;
  removeRules(argument: _prodbench_v1_RemoveRulesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ChangeResponse__Output>): grpc.ClientUnaryCall;
  removeRules(argument: _prodbench_v1_RemoveRulesRequest, callback: grpc.requestCallback<_prodbench_v1_ChangeResponse__Output>): grpc.ClientUnaryCall;
  
  RevokeToken(argument: _prodbench_v1_RevokeTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_TokenInfo__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _prodbench_v1_RevokeTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_TokenInfo__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _prodbench_v1_RevokeTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_TokenInfo__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _prodbench_v1_RevokeTokenRequest, callback: grpc.requestCallback<_prodbench_v1_TokenInfo__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _prodbench_v1_RevokeTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_TokenInfo__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _prodbench_v1_RevokeTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_TokenInfo__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _prodbench_v1_RevokeTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_TokenInfo__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _prodbench_v1_RevokeTokenRequest, callback: grpc.requestCallback<_prodbench_v1_TokenInfo__Output>): grpc.ClientUnaryCall;
  
  RunCheck(argument: _prodbench_v1_RunCheckRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_RunCheckResponse__Output>): grpc.ClientUnaryCall;
  RunCheck(argument: _prodbench_v1_RunCheckRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_RunCheckResponse__Output>): grpc.ClientUnaryCall;
  RunCheck(argument: _prodbench_v1_RunCheckRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_RunCheckResponse__Output>): grpc.ClientUnaryCall;
  RunCheck(argument: _prodbench_v1_RunCheckRequest, callback: grpc.requestCallback<_prodbench_v1_RunCheckResponse__Output>): grpc.ClientUnaryCall;
  runCheck(argument: _prodbench_v1_RunCheckRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_RunCheckResponse__Output>): grpc.ClientUnaryCall;
  runCheck(argument: _prodbench_v1_RunCheckRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_RunCheckResponse__Output>): grpc.ClientUnaryCall;
  runCheck(argument: _prodbench_v1_RunCheckRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_RunCheckResponse__Output>): grpc.ClientUnaryCall;
  runCheck(argument: _prodbench_v1_RunCheckRequest, callback: grpc.requestCallback<_prodbench_v1_RunCheckResponse__Output>): grpc.ClientUnaryCall;
  
  SetRule(argument: _prodbench_v1_SetRuleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ChangeResponse__Output>): grpc.ClientUnaryCall;
  SetRule(argument: _prodbench_v1_SetRuleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_ChangeResponse__Output>): grpc.ClientUnaryCall;
  SetRule(argument: _prodbench_v1_SetRuleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ChangeResponse__Output>): grpc.ClientUnaryCall;
  SetRule(argument: _prodbench_v1_SetRuleRequest, callback: grpc.requestCallback<_prodbench_v1_ChangeResponse__Output>): grpc.ClientUnaryCall;
  setRule(argument: _prodbench_v1_SetRuleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ChangeResponse__Output>): grpc.ClientUnaryCall;
  setRule(argument: _prodbench_v1_SetRuleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_ChangeResponse__Output>): grpc.ClientUnaryCall;
  setRule(argument: _prodbench_v1_SetRuleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ChangeResponse__Output>): grpc.ClientUnaryCall;
  setRule(argument: _prodbench_v1_SetRuleRequest, callback: grpc.requestCallback<_prodbench_v1_ChangeResponse__Output>): grpc.ClientUnaryCall;
  
  Tail(argument: _prodbench_v1_TailRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_prodbench_v1_TailEvent__Output>;
  Tail(argument: _prodbench_v1_TailRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_prodbench_v1_TailEvent__Output>;
  tail(argument: _prodbench_v1_TailRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_prodbench_v1_TailEvent__Output>;
  tail(argument: _prodbench_v1_TailRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_prodbench_v1_TailEvent__Output>;
  
  UpdateIncident(argument: _prodbench_v1_UpdateIncidentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_Incident__Output>): grpc.ClientUnaryCall;
  UpdateIncident(argument: _prodbench_v1_UpdateIncidentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_Incident__Output>): grpc.ClientUnaryCall;
  UpdateIncident(argument: _prodbench_v1_UpdateIncidentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_Incident__Output>): grpc.ClientUnaryCall;
  UpdateIncident(argument: _prodbench_v1_UpdateIncidentRequest, callback: grpc.requestCallback<_prodbench_v1_Incident__Output>): grpc.ClientUnaryCall;
  updateIncident(argument: _prodbench_v1_UpdateIncidentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_Incident__Output>): grpc.ClientUnaryCall;
  updateIncident(argument: _prodbench_v1_UpdateIncidentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_Incident__Output>): grpc.ClientUnaryCall;
  updateIncident(argument: _prodbench_v1_UpdateIncidentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_Incident__Output>): grpc.ClientUnaryCall;
  updateIncident(argument: _prodbench_v1_UpdateIncidentRequest, callback: grpc.requestCallback<_prodbench_v1_Incident__Output>): grpc.ClientUnaryCall;
  
  WatchHistogram(argument: _prodbench_v1_WatchHistogramRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_prodbench_v1_HistogramWindow__Output>;
  WatchHistogram(argument: _prodbench_v1_WatchHistogramRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_prodbench_v1_HistogramWindow__Output>;
  watchHistogram(argument: _prodbench_v1_WatchHistogramRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_prodbench_v1_HistogramWindow__Output>;
  watchHistogram(argument: _prodbench_v1_WatchHistogramRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_prodbench_v1_HistogramWindow__Output>;
  
  WatchMetrics(argument: _prodbench_v1_WatchMetricsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_prodbench_v1_ScalarWindow__Output>;
  WatchMetrics(argument: _prodbench_v1_WatchMetricsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_prodbench_v1_ScalarWindow__Output>;
  watchMetrics(argument: _prodbench_v1_WatchMetricsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_prodbench_v1_ScalarWindow__Output>;
  watchMetrics(argument: _prodbench_v1_WatchMetricsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_prodbench_v1_ScalarWindow__Output>;
  
}

export interface ControlPlaneHandlers extends grpc.UntypedServiceImplementation {
  CreateToken: grpc.handleUnaryCall<_prodbench_v1_CreateTokenRequest__Output, _prodbench_v1_CreateTokenResponse>;
  
  Dump: grpc.handleUnaryCall<_prodbench_v1_DumpInstancesRequest__Output, _prodbench_v1_DumpResponse>;
  
  GetHistogram: grpc.handleUnaryCall<_prodbench_v1_GetHistogramRequest__Output, _prodbench_v1_GetHistogramResponse>;
  
  GetIncident: grpc.handleUnaryCall<_prodbench_v1_GetIncidentRequest__Output, _prodbench_v1_Incident>;
  
  GetStatus: grpc.handleUnaryCall<_prodbench_v1_GetStatusRequest__Output, _prodbench_v1_GetStatusResponse>;
  
  Inspect: grpc.handleUnaryCall<_prodbench_v1_InspectInstanceRequest__Output, _prodbench_v1_InspectReply>;
  
  ListAudit: grpc.handleUnaryCall<_prodbench_v1_ListAuditRequest__Output, _prodbench_v1_ListAuditResponse>;
  
  ListChecks: grpc.handleUnaryCall<_prodbench_v1_ListChecksRequest__Output, _prodbench_v1_ListChecksResponse>;
  
  ListIncidents: grpc.handleUnaryCall<_prodbench_v1_ListIncidentsRequest__Output, _prodbench_v1_ListIncidentsResponse>;
  
  ListInstances: grpc.handleUnaryCall<_prodbench_v1_ListInstancesRequest__Output, _prodbench_v1_ListInstancesResponse>;
  
  ListMetrics: grpc.handleUnaryCall<_prodbench_v1_ListMetricsRequest__Output, _prodbench_v1_ListMetricsResponse>;
  
  ListRules: grpc.handleUnaryCall<_prodbench_v1_ListRulesRequest__Output, _prodbench_v1_ListRulesResponse>;
  
  ListServices: grpc.handleUnaryCall<_prodbench_v1_ListServicesRequest__Output, _prodbench_v1_ListServicesResponse>;
  
  ListTokens: grpc.handleUnaryCall<_prodbench_v1_ListTokensRequest__Output, _prodbench_v1_ListTokensResponse>;
  
  OpenIncident: grpc.handleUnaryCall<_prodbench_v1_OpenIncidentRequest__Output, _prodbench_v1_Incident>;
  
  RemoveRules: grpc.handleUnaryCall<_prodbench_v1_RemoveRulesRequest__Output, _prodbench_v1_ChangeResponse>;
  
  RevokeToken: grpc.handleUnaryCall<_prodbench_v1_RevokeTokenRequest__Output, _prodbench_v1_TokenInfo>;
  
  RunCheck: grpc.handleUnaryCall<_prodbench_v1_RunCheckRequest__Output, _prodbench_v1_RunCheckResponse>;
  
  SetRule: grpc.handleUnaryCall<_prodbench_v1_SetRuleRequest__Output, _prodbench_v1_ChangeResponse>;
  
  Tail: grpc.handleServerStreamingCall<_prodbench_v1_TailRequest__Output, _prodbench_v1_TailEvent>;
  
  UpdateIncident: grpc.handleUnaryCall<_prodbench_v1_UpdateIncidentRequest__Output, _prodbench_v1_Incident>;
  
  WatchHistogram: grpc.handleServerStreamingCall<_prodbench_v1_WatchHistogramRequest__Output, _prodbench_v1_HistogramWindow>;
  
  WatchMetrics: grpc.handleServerStreamingCall<_prodbench_v1_WatchMetricsRequest__Output, _prodbench_v1_ScalarWindow>;
  
}

export interface ControlPlaneDefinition extends grpc.ServiceDefinition {
  CreateToken: MethodDefinition<_prodbench_v1_CreateTokenRequest, _prodbench_v1_CreateTokenResponse, _prodbench_v1_CreateTokenRequest__Output, _prodbench_v1_CreateTokenResponse__Output>
  Dump: MethodDefinition<_prodbench_v1_DumpInstancesRequest, _prodbench_v1_DumpResponse, _prodbench_v1_DumpInstancesRequest__Output, _prodbench_v1_DumpResponse__Output>
  GetHistogram: MethodDefinition<_prodbench_v1_GetHistogramRequest, _prodbench_v1_GetHistogramResponse, _prodbench_v1_GetHistogramRequest__Output, _prodbench_v1_GetHistogramResponse__Output>
  GetIncident: MethodDefinition<_prodbench_v1_GetIncidentRequest, _prodbench_v1_Incident, _prodbench_v1_GetIncidentRequest__Output, _prodbench_v1_Incident__Output>
  GetStatus: MethodDefinition<_prodbench_v1_GetStatusRequest, _prodbench_v1_GetStatusResponse, _prodbench_v1_GetStatusRequest__Output, _prodbench_v1_GetStatusResponse__Output>
  Inspect: MethodDefinition<_prodbench_v1_InspectInstanceRequest, _prodbench_v1_InspectReply, _prodbench_v1_InspectInstanceRequest__Output, _prodbench_v1_InspectReply__Output>
  ListAudit: MethodDefinition<_prodbench_v1_ListAuditRequest, _prodbench_v1_ListAuditResponse, _prodbench_v1_ListAuditRequest__Output, _prodbench_v1_ListAuditResponse__Output>
  ListChecks: MethodDefinition<_prodbench_v1_ListChecksRequest, _prodbench_v1_ListChecksResponse, _prodbench_v1_ListChecksRequest__Output, _prodbench_v1_ListChecksResponse__Output>
  ListIncidents: MethodDefinition<_prodbench_v1_ListIncidentsRequest, _prodbench_v1_ListIncidentsResponse, _prodbench_v1_ListIncidentsRequest__Output, _prodbench_v1_ListIncidentsResponse__Output>
  ListInstances: MethodDefinition<_prodbench_v1_ListInstancesRequest, _prodbench_v1_ListInstancesResponse, _prodbench_v1_ListInstancesRequest__Output, _prodbench_v1_ListInstancesResponse__Output>
  ListMetrics: MethodDefinition<_prodbench_v1_ListMetricsRequest, _prodbench_v1_ListMetricsResponse, _prodbench_v1_ListMetricsRequest__Output, _prodbench_v1_ListMetricsResponse__Output>
  ListRules: MethodDefinition<_prodbench_v1_ListRulesRequest, _prodbench_v1_ListRulesResponse, _prodbench_v1_ListRulesRequest__Output, _prodbench_v1_ListRulesResponse__Output>
  ListServices: MethodDefinition<_prodbench_v1_ListServicesRequest, _prodbench_v1_ListServicesResponse, _prodbench_v1_ListServicesRequest__Output, _prodbench_v1_ListServicesResponse__Output>
  ListTokens: MethodDefinition<_prodbench_v1_ListTokensRequest, _prodbench_v1_ListTokensResponse, _prodbench_v1_ListTokensRequest__Output, _prodbench_v1_ListTokensResponse__Output>
  OpenIncident: MethodDefinition<_prodbench_v1_OpenIncidentRequest, _prodbench_v1_Incident, _prodbench_v1_OpenIncidentRequest__Output, _prodbench_v1_Incident__Output>
  RemoveRules: MethodDefinition<_prodbench_v1_RemoveRulesRequest, _prodbench_v1_ChangeResponse, _prodbench_v1_RemoveRulesRequest__Output, _prodbench_v1_ChangeResponse__Output>
  RevokeToken: MethodDefinition<_prodbench_v1_RevokeTokenRequest, _prodbench_v1_TokenInfo, _prodbench_v1_RevokeTokenRequest__Output, _prodbench_v1_TokenInfo__Output>
  RunCheck: MethodDefinition<_prodbench_v1_RunCheckRequest, _prodbench_v1_RunCheckResponse, _prodbench_v1_RunCheckRequest__Output, _prodbench_v1_RunCheckResponse__Output>
  SetRule: MethodDefinition<_prodbench_v1_SetRuleRequest, _prodbench_v1_ChangeResponse, _prodbench_v1_SetRuleRequest__Output, _prodbench_v1_ChangeResponse__Output>
  Tail: MethodDefinition<_prodbench_v1_TailRequest, _prodbench_v1_TailEvent, _prodbench_v1_TailRequest__Output, _prodbench_v1_TailEvent__Output>
  UpdateIncident: MethodDefinition<_prodbench_v1_UpdateIncidentRequest, _prodbench_v1_Incident, _prodbench_v1_UpdateIncidentRequest__Output, _prodbench_v1_Incident__Output>
  WatchHistogram: MethodDefinition<_prodbench_v1_WatchHistogramRequest, _prodbench_v1_HistogramWindow, _prodbench_v1_WatchHistogramRequest__Output, _prodbench_v1_HistogramWindow__Output>
  WatchMetrics: MethodDefinition<_prodbench_v1_WatchMetricsRequest, _prodbench_v1_ScalarWindow, _prodbench_v1_WatchMetricsRequest__Output, _prodbench_v1_ScalarWindow__Output>
}
