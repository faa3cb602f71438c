import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Ack as _prodbench_v1_Ack, Ack__Output as _prodbench_v1_Ack__Output } from './prodbench/v1/Ack.js';
import type { ActiveCapture as _prodbench_v1_ActiveCapture, ActiveCapture__Output as _prodbench_v1_ActiveCapture__Output } from './prodbench/v1/ActiveCapture.js';
import type { ActiveLogRule as _prodbench_v1_ActiveLogRule, ActiveLogRule__Output as _prodbench_v1_ActiveLogRule__Output } from './prodbench/v1/ActiveLogRule.js';
import type { AppliedConfig as _prodbench_v1_AppliedConfig, AppliedConfig__Output as _prodbench_v1_AppliedConfig__Output } from './prodbench/v1/AppliedConfig.js';
import type { CheckInfo as _prodbench_v1_CheckInfo, CheckInfo__Output as _prodbench_v1_CheckInfo__Output } from './prodbench/v1/CheckInfo.js';
import type { CheckResult as _prodbench_v1_CheckResult, CheckResult__Output as _prodbench_v1_CheckResult__Output } from './prodbench/v1/CheckResult.js';
import type { DumpReply as _prodbench_v1_DumpReply, DumpReply__Output as _prodbench_v1_DumpReply__Output } from './prodbench/v1/DumpReply.js';
import type { DumpRequest as _prodbench_v1_DumpRequest, DumpRequest__Output as _prodbench_v1_DumpRequest__Output } from './prodbench/v1/DumpRequest.js';
import type { EffectiveLevel as _prodbench_v1_EffectiveLevel, EffectiveLevel__Output as _prodbench_v1_EffectiveLevel__Output } from './prodbench/v1/EffectiveLevel.js';
import type { Heartbeat as _prodbench_v1_Heartbeat, Heartbeat__Output as _prodbench_v1_Heartbeat__Output } from './prodbench/v1/Heartbeat.js';
import type { InstanceIdentity as _prodbench_v1_InstanceIdentity, InstanceIdentity__Output as _prodbench_v1_InstanceIdentity__Output } from './prodbench/v1/InstanceIdentity.js';
import type { LevelSource as _prodbench_v1_LevelSource, LevelSource__Output as _prodbench_v1_LevelSource__Output } from './prodbench/v1/LevelSource.js';
import type { LogCount as _prodbench_v1_LogCount, LogCount__Output as _prodbench_v1_LogCount__Output } from './prodbench/v1/LogCount.js';
import type { LogStats as _prodbench_v1_LogStats, LogStats__Output as _prodbench_v1_LogStats__Output } from './prodbench/v1/LogStats.js';
import type { MetricInfo as _prodbench_v1_MetricInfo, MetricInfo__Output as _prodbench_v1_MetricInfo__Output } from './prodbench/v1/MetricInfo.js';
import type { QuarantineState as _prodbench_v1_QuarantineState, QuarantineState__Output as _prodbench_v1_QuarantineState__Output } from './prodbench/v1/QuarantineState.js';
import type { Rejection as _prodbench_v1_Rejection, Rejection__Output as _prodbench_v1_Rejection__Output } from './prodbench/v1/Rejection.js';
import type { TailBatch as _prodbench_v1_TailBatch, TailBatch__Output as _prodbench_v1_TailBatch__Output } from './prodbench/v1/TailBatch.js';

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
      DumpReply: MessageTypeDefinition<_prodbench_v1_DumpReply, _prodbench_v1_DumpReply__Output>
      DumpRequest: MessageTypeDefinition<_prodbench_v1_DumpRequest, _prodbench_v1_DumpRequest__Output>
      EffectiveLevel: MessageTypeDefinition<_prodbench_v1_EffectiveLevel, _prodbench_v1_EffectiveLevel__Output>
      Heartbeat: MessageTypeDefinition<_prodbench_v1_Heartbeat, _prodbench_v1_Heartbeat__Output>
      InstanceIdentity: MessageTypeDefinition<_prodbench_v1_InstanceIdentity, _prodbench_v1_InstanceIdentity__Output>
      LevelSource: MessageTypeDefinition<_prodbench_v1_LevelSource, _prodbench_v1_LevelSource__Output>
      LogCount: MessageTypeDefinition<_prodbench_v1_LogCount, _prodbench_v1_LogCount__Output>
      LogStats: MessageTypeDefinition<_prodbench_v1_LogStats, _prodbench_v1_LogStats__Output>
      MetricInfo: MessageTypeDefinition<_prodbench_v1_MetricInfo, _prodbench_v1_MetricInfo__Output>
      QuarantineState: MessageTypeDefinition<_prodbench_v1_QuarantineState, _prodbench_v1_QuarantineState__Output>
      Rejection: MessageTypeDefinition<_prodbench_v1_Rejection, _prodbench_v1_Rejection__Output>
      TailBatch: MessageTypeDefinition<_prodbench_v1_TailBatch, _prodbench_v1_TailBatch__Output>
    }
  }
}

