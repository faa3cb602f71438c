import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Ack as _prodbench_v1_Ack, Ack__Output as _prodbench_v1_Ack__Output } from './prodbench/v1/Ack.js';
import type { ActiveCapture as _prodbench_v1_ActiveCapture, ActiveCapture__Output as _prodbench_v1_ActiveCapture__Output } from './prodbench/v1/ActiveCapture.js';
import type { ActiveLogRule as _prodbench_v1_ActiveLogRule, ActiveLogRule__Output as _prodbench_v1_ActiveLogRule__Output } from './prodbench/v1/ActiveLogRule.js';
import type { AppliedConfig as _prodbench_v1_AppliedConfig, AppliedConfig__Output as _prodbench_v1_AppliedConfig__Output } from './prodbench/v1/AppliedConfig.js';
import type { CheckInfo as _prodbench_v1_CheckInfo, CheckInfo__Output as _prodbench_v1_CheckInfo__Output } from './prodbench/v1/CheckInfo.js';
import type { CheckResult as _prodbench_v1_CheckResult, CheckResult__Output as _prodbench_v1_CheckResult__Output } from './prodbench/v1/CheckResult.js';
import type { CheckRunReply as _prodbench_v1_CheckRunReply, CheckRunReply__Output as _prodbench_v1_CheckRunReply__Output } from './prodbench/v1/CheckRunReply.js';
import type { CheckRunRequest as _prodbench_v1_CheckRunRequest, CheckRunRequest__Output as _prodbench_v1_CheckRunRequest__Output } from './prodbench/v1/CheckRunRequest.js';
import type { EffectiveLevel as _prodbench_v1_EffectiveLevel, EffectiveLevel__Output as _prodbench_v1_EffectiveLevel__Output } from './prodbench/v1/EffectiveLevel.js';
import type { Heartbeat as _prodbench_v1_Heartbeat, Heartbeat__Output as _prodbench_v1_Heartbeat__Output } from './prodbench/v1/Heartbeat.js';
import type { HistogramBucket as _prodbench_v1_HistogramBucket, HistogramBucket__Output as _prodbench_v1_HistogramBucket__Output } from './prodbench/v1/HistogramBucket.js';
import type { HistogramSnapshot as _prodbench_v1_HistogramSnapshot, HistogramSnapshot__Output as _prodbench_v1_HistogramSnapshot__Output } from './prodbench/v1/HistogramSnapshot.js';
import type { HistogramWindow as _prodbench_v1_HistogramWindow, HistogramWindow__Output as _prodbench_v1_HistogramWindow__Output } from './prodbench/v1/HistogramWindow.js';
import type { Incident as _prodbench_v1_Incident, Incident__Output as _prodbench_v1_Incident__Output } from './prodbench/v1/Incident.js';
import type { IncidentError as _prodbench_v1_IncidentError, IncidentError__Output as _prodbench_v1_IncidentError__Output } from './prodbench/v1/IncidentError.js';
import type { IncidentReport as _prodbench_v1_IncidentReport, IncidentReport__Output as _prodbench_v1_IncidentReport__Output } from './prodbench/v1/IncidentReport.js';
import type { InspectReply as _prodbench_v1_InspectReply, InspectReply__Output as _prodbench_v1_InspectReply__Output } from './prodbench/v1/InspectReply.js';
import type { InspectRequest as _prodbench_v1_InspectRequest, InspectRequest__Output as _prodbench_v1_InspectRequest__Output } from './prodbench/v1/InspectRequest.js';
import type { InstanceIdentity as _prodbench_v1_InstanceIdentity, InstanceIdentity__Output as _prodbench_v1_InstanceIdentity__Output } from './prodbench/v1/InstanceIdentity.js';
import type { LevelSource as _prodbench_v1_LevelSource, LevelSource__Output as _prodbench_v1_LevelSource__Output } from './prodbench/v1/LevelSource.js';
import type { LogCount as _prodbench_v1_LogCount, LogCount__Output as _prodbench_v1_LogCount__Output } from './prodbench/v1/LogCount.js';
import type { LogStats as _prodbench_v1_LogStats, LogStats__Output as _prodbench_v1_LogStats__Output } from './prodbench/v1/LogStats.js';
import type { MetricInfo as _prodbench_v1_MetricInfo, MetricInfo__Output as _prodbench_v1_MetricInfo__Output } from './prodbench/v1/MetricInfo.js';
import type { Percentile as _prodbench_v1_Percentile, Percentile__Output as _prodbench_v1_Percentile__Output } from './prodbench/v1/Percentile.js';
import type { QuarantineState as _prodbench_v1_QuarantineState, QuarantineState__Output as _prodbench_v1_QuarantineState__Output } from './prodbench/v1/QuarantineState.js';
import type { Rejection as _prodbench_v1_Rejection, Rejection__Output as _prodbench_v1_Rejection__Output } from './prodbench/v1/Rejection.js';

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
      CheckInfo: MessageTypeDefinition<_prodbench_v1_CheckInfo, _prodbench_v1_CheckInfo__Output>
      CheckResult: MessageTypeDefinition<_prodbench_v1_CheckResult, _prodbench_v1_CheckResult__Output>
      CheckRunReply: MessageTypeDefinition<_prodbench_v1_CheckRunReply, _prodbench_v1_CheckRunReply__Output>
      CheckRunRequest: MessageTypeDefinition<_prodbench_v1_CheckRunRequest, _prodbench_v1_CheckRunRequest__Output>
      EffectiveLevel: MessageTypeDefinition<_prodbench_v1_EffectiveLevel, _prodbench_v1_EffectiveLevel__Output>
      Heartbeat: MessageTypeDefinition<_prodbench_v1_Heartbeat, _prodbench_v1_Heartbeat__Output>
      HistogramBucket: MessageTypeDefinition<_prodbench_v1_HistogramBucket, _prodbench_v1_HistogramBucket__Output>
      HistogramSnapshot: MessageTypeDefinition<_prodbench_v1_HistogramSnapshot, _prodbench_v1_HistogramSnapshot__Output>
      HistogramWindow: MessageTypeDefinition<_prodbench_v1_HistogramWindow, _prodbench_v1_HistogramWindow__Output>
      Incident: MessageTypeDefinition<_prodbench_v1_Incident, _prodbench_v1_Incident__Output>
      IncidentError: MessageTypeDefinition<_prodbench_v1_IncidentError, _prodbench_v1_IncidentError__Output>
      IncidentReport: MessageTypeDefinition<_prodbench_v1_IncidentReport, _prodbench_v1_IncidentReport__Output>
      InspectReply: MessageTypeDefinition<_prodbench_v1_InspectReply, _prodbench_v1_InspectReply__Output>
      InspectRequest: MessageTypeDefinition<_prodbench_v1_InspectRequest, _prodbench_v1_InspectRequest__Output>
      InstanceIdentity: MessageTypeDefinition<_prodbench_v1_InstanceIdentity, _prodbench_v1_InstanceIdentity__Output>
      LevelSource: MessageTypeDefinition<_prodbench_v1_LevelSource, _prodbench_v1_LevelSource__Output>
      LogCount: MessageTypeDefinition<_prodbench_v1_LogCount, _prodbench_v1_LogCount__Output>
      LogStats: MessageTypeDefinition<_prodbench_v1_LogStats, _prodbench_v1_LogStats__Output>
      MetricInfo: MessageTypeDefinition<_prodbench_v1_MetricInfo, _prodbench_v1_MetricInfo__Output>
      Percentile: MessageTypeDefinition<_prodbench_v1_Percentile, _prodbench_v1_Percentile__Output>
      QuarantineState: MessageTypeDefinition<_prodbench_v1_QuarantineState, _prodbench_v1_QuarantineState__Output>
      Rejection: MessageTypeDefinition<_prodbench_v1_Rejection, _prodbench_v1_Rejection__Output>
    }
  }
}

