// Original file: proto/prodbench/v1/control_plane.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ChangeResponse as _prodbench_v1_ChangeResponse, ChangeResponse__Output as _prodbench_v1_ChangeResponse__Output } from '../../prodbench/v1/ChangeResponse.js';
import type { DumpInstancesRequest as _prodbench_v1_DumpInstancesRequest, DumpInstancesRequest__Output as _prodbench_v1_DumpInstancesRequest__Output } from '../../prodbench/v1/DumpInstancesRequest.js';
import type { DumpResponse as _prodbench_v1_DumpResponse, DumpResponse__Output as _prodbench_v1_DumpResponse__Output } from '../../prodbench/v1/DumpResponse.js';
import type { GetHistogramRequest as _prodbench_v1_GetHistogramRequest, GetHistogramRequest__Output as _prodbench_v1_GetHistogramRequest__Output } from '../../prodbench/v1/GetHistogramRequest.js';
import type { GetHistogramResponse as _prodbench_v1_GetHistogramResponse, GetHistogramResponse__Output as _prodbench_v1_GetHistogramResponse__Output } from '../../prodbench/v1/GetHistogramResponse.js';
import type { GetStatusRequest as _prodbench_v1_GetStatusRequest, GetStatusRequest__Output as _prodbench_v1_GetStatusRequest__Output } from '../../prodbench/v1/GetStatusRequest.js';
import type { GetStatusResponse as _prodbench_v1_GetStatusResponse, GetStatusResponse__Output as _prodbench_v1_GetStatusResponse__Output } from '../../prodbench/v1/GetStatusResponse.js';
import type { HistogramWindow as _prodbench_v1_HistogramWindow, HistogramWindow__Output as _prodbench_v1_HistogramWindow__Output } from '../../prodbench/v1/HistogramWindow.js';
import type { ListInstancesRequest as _prodbench_v1_ListInstancesRequest, ListInstancesRequest__Output as _prodbench_v1_ListInstancesRequest__Output } from '../../prodbench/v1/ListInstancesRequest.js';
import type { ListInstancesResponse as _prodbench_v1_ListInstancesResponse, ListInstancesResponse__Output as _prodbench_v1_ListInstancesResponse__Output } from '../../prodbench/v1/ListInstancesResponse.js';
import type { ListMetricsRequest as _prodbench_v1_ListMetricsRequest, ListMetricsRequest__Output as _prodbench_v1_ListMetricsRequest__Output } from '../../prodbench/v1/ListMetricsRequest.js';
import type { ListMetricsResponse as _prodbench_v1_ListMetricsResponse, ListMetricsResponse__Output as _prodbench_v1_ListMetricsResponse__Output } from '../../prodbench/v1/ListMetricsResponse.js';
import type { ListRulesRequest as _prodbench_v1_ListRulesRequest, ListRulesRequest__Output as _prodbench_v1_ListRulesRequest__Output } from '../../prodbench/v1/ListRulesRequest.js';
import type { ListRulesResponse as _prodbench_v1_ListRulesResponse, ListRulesResponse__Output as _prodbench_v1_ListRulesResponse__Output } from '../../prodbench/v1/ListRulesResponse.js';
import type { ListServicesRequest as _prodbench_v1_ListServicesRequest, ListServicesRequest__Output as _prodbench_v1_ListServicesRequest__Output } from '../../prodbench/v1/ListServicesRequest.js';
import type { ListServicesResponse as _prodbench_v1_ListServicesResponse, ListServicesResponse__Output as _prodbench_v1_ListServicesResponse__Output } from '../../prodbench/v1/ListServicesResponse.js';
import type { RemoveRulesRequest as _prodbench_v1_RemoveRulesRequest, RemoveRulesRequest__Output as _prodbench_v1_RemoveRulesRequest__Output } from '../../prodbench/v1/RemoveRulesRequest.js';
import type { ScalarWindow as _prodbench_v1_ScalarWindow, ScalarWindow__Output as _prodbench_v1_ScalarWindow__Output } from '../../prodbench/v1/ScalarWindow.js';
import type { SetRuleRequest as _prodbench_v1_SetRuleRequest, SetRuleRequest__Output as _prodbench_v1_SetRuleRequest__Output } from '../../prodbench/v1/SetRuleRequest.js';
import type { TailEvent as _prodbench_v1_TailEvent, TailEvent__Output as _prodbench_v1_TailEvent__Output } from '../../prodbench/v1/TailEvent.js';
import type { TailRequest as _prodbench_v1_TailRequest, TailRequest__Output as _prodbench_v1_TailRequest__Output } from '../../prodbench/v1/TailRequest.js';
import type { WatchHistogramRequest as _prodbench_v1_WatchHistogramRequest, WatchHistogramRequest__Output as _prodbench_v1_WatchHistogramRequest__Output } from '../../prodbench/v1/WatchHistogramRequest.js';
import type { WatchMetricsRequest as _prodbench_v1_WatchMetricsRequest, WatchMetricsRequest__Output as _prodbench_v1_WatchMetricsRequest__Output } from '../../prodbench/v1/WatchMetricsRequest.js';

export interface ControlPlaneClient extends grpc.Client {
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
  
  GetStatus(argument: _prodbench_v1_GetStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_GetStatusResponse__Output>): grpc.ClientUnaryCall;
  GetStatus(argument: _prodbench_v1_GetStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_GetStatusResponse__Output>): grpc.ClientUnaryCall;
  GetStatus(argument: _prodbench_v1_GetStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_GetStatusResponse__Output>): grpc.ClientUnaryCall;
  GetStatus(argument: _prodbench_v1_GetStatusRequest, callback: grpc.requestCallback<_prodbench_v1_GetStatusResponse__Output>): grpc.ClientUnaryCall;
  getStatus(argument: _prodbench_v1_GetStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_GetStatusResponse__Output>): grpc.ClientUnaryCall;
  getStatus(argument: _prodbench_v1_GetStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_GetStatusResponse__Output>): grpc.ClientUnaryCall;
  getStatus(argument: _prodbench_v1_GetStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_GetStatusResponse__Output>): grpc.ClientUnaryCall;
  getStatus(argument: _prodbench_v1_GetStatusRequest, callback: grpc.requestCallback<_prodbench_v1_GetStatusResponse__Output>): grpc.ClientUnaryCall;
  
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
  
  RemoveRules(argument: _prodbench_v1_RemoveRulesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ChangeResponse__Output>): grpc.ClientUnaryCall;
  RemoveRules(argument: _prodbench_v1_RemoveRulesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_ChangeResponse__Output>): grpc.ClientUnaryCall;
  RemoveRules(argument: _prodbench_v1_RemoveRulesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ChangeResponse__Output>): grpc.ClientUnaryCall;
  RemoveRules(argument: _prodbench_v1_RemoveRulesRequest, callback: grpc.requestCallback<_prodbench_v1_ChangeResponse__Output>): grpc.ClientUnaryCall;
  removeRules(argument: _prodbench_v1_RemoveRulesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ChangeResponse__Output>): grpc.ClientUnaryCall;
  removeRules(argument: _prodbench_v1_RemoveRulesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prodbench_v1_ChangeResponse__Output>): grpc.ClientUnaryCall;
  removeRules(argument: _prodbench_v1_RemoveRulesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prodbench_v1_ChangeResponse__Output>): grpc.ClientUnaryCall;
  removeRules(argument: _prodbench_v1_RemoveRulesRequest, callback: grpc.requestCallback<_prodbench_v1_ChangeResponse__Output>): grpc.ClientUnaryCall;
  
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
  Dump: grpc.handleUnaryCall<_prodbench_v1_DumpInstancesRequest__Output, _prodbench_v1_DumpResponse>;
  
  GetHistogram: grpc.handleUnaryCall<_prodbench_v1_GetHistogramRequest__Output, _prodbench_v1_GetHistogramResponse>;
  
  GetStatus: grpc.handleUnaryCall<_prodbench_v1_GetStatusRequest__Output, _prodbench_v1_GetStatusResponse>;
  
  ListInstances: grpc.handleUnaryCall<_prodbench_v1_ListInstancesRequest__Output, _prodbench_v1_ListInstancesResponse>;
  
  ListMetrics: grpc.handleUnaryCall<_prodbench_v1_ListMetricsRequest__Output, _prodbench_v1_ListMetricsResponse>;
  
  ListRules: grpc.handleUnaryCall<_prodbench_v1_ListRulesRequest__Output, _prodbench_v1_ListRulesResponse>;
  
  ListServices: grpc.handleUnaryCall<_prodbench_v1_ListServicesRequest__Output, _prodbench_v1_ListServicesResponse>;
  
  RemoveRules: grpc.handleUnaryCall<_prodbench_v1_RemoveRulesRequest__Output, _prodbench_v1_ChangeResponse>;
  
  SetRule: grpc.handleUnaryCall<_prodbench_v1_SetRuleRequest__Output, _prodbench_v1_ChangeResponse>;
  
  Tail: grpc.handleServerStreamingCall<_prodbench_v1_TailRequest__Output, _prodbench_v1_TailEvent>;
  
  WatchHistogram: grpc.handleServerStreamingCall<_prodbench_v1_WatchHistogramRequest__Output, _prodbench_v1_HistogramWindow>;
  
  WatchMetrics: grpc.handleServerStreamingCall<_prodbench_v1_WatchMetricsRequest__Output, _prodbench_v1_ScalarWindow>;
  
}

export interface ControlPlaneDefinition extends grpc.ServiceDefinition {
  Dump: MethodDefinition<_prodbench_v1_DumpInstancesRequest, _prodbench_v1_DumpResponse, _prodbench_v1_DumpInstancesRequest__Output, _prodbench_v1_DumpResponse__Output>
  GetHistogram: MethodDefinition<_prodbench_v1_GetHistogramRequest, _prodbench_v1_GetHistogramResponse, _prodbench_v1_GetHistogramRequest__Output, _prodbench_v1_GetHistogramResponse__Output>
  GetStatus: MethodDefinition<_prodbench_v1_GetStatusRequest, _prodbench_v1_GetStatusResponse, _prodbench_v1_GetStatusRequest__Output, _prodbench_v1_GetStatusResponse__Output>
  ListInstances: MethodDefinition<_prodbench_v1_ListInstancesRequest, _prodbench_v1_ListInstancesResponse, _prodbench_v1_ListInstancesRequest__Output, _prodbench_v1_ListInstancesResponse__Output>
  ListMetrics: MethodDefinition<_prodbench_v1_ListMetricsRequest, _prodbench_v1_ListMetricsResponse, _prodbench_v1_ListMetricsRequest__Output, _prodbench_v1_ListMetricsResponse__Output>
  ListRules: MethodDefinition<_prodbench_v1_ListRulesRequest, _prodbench_v1_ListRulesResponse, _prodbench_v1_ListRulesRequest__Output, _prodbench_v1_ListRulesResponse__Output>
  ListServices: MethodDefinition<_prodbench_v1_ListServicesRequest, _prodbench_v1_ListServicesResponse, _prodbench_v1_ListServicesRequest__Output, _prodbench_v1_ListServicesResponse__Output>
  RemoveRules: MethodDefinition<_prodbench_v1_RemoveRulesRequest, _prodbench_v1_ChangeResponse, _prodbench_v1_RemoveRulesRequest__Output, _prodbench_v1_ChangeResponse__Output>
  SetRule: MethodDefinition<_prodbench_v1_SetRuleRequest, _prodbench_v1_ChangeResponse, _prodbench_v1_SetRuleRequest__Output, _prodbench_v1_ChangeResponse__Output>
  Tail: MethodDefinition<_prodbench_v1_TailRequest, _prodbench_v1_TailEvent, _prodbench_v1_TailRequest__Output, _prodbench_v1_TailEvent__Output>
  WatchHistogram: MethodDefinition<_prodbench_v1_WatchHistogramRequest, _prodbench_v1_HistogramWindow, _prodbench_v1_WatchHistogramRequest__Output, _prodbench_v1_HistogramWindow__Output>
  WatchMetrics: MethodDefinition<_prodbench_v1_WatchMetricsRequest, _prodbench_v1_ScalarWindow, _prodbench_v1_WatchMetricsRequest__Output, _prodbench_v1_ScalarWindow__Output>
}
