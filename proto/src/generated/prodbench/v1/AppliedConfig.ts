// Original file: proto/prodbench/v1/instance.proto

import type { EffectiveLevel as _prodbench_v1_EffectiveLevel, EffectiveLevel__Output as _prodbench_v1_EffectiveLevel__Output } from '../../prodbench/v1/EffectiveLevel.js';
import type { Rejection as _prodbench_v1_Rejection, Rejection__Output as _prodbench_v1_Rejection__Output } from '../../prodbench/v1/Rejection.js';
import type { ActiveCapture as _prodbench_v1_ActiveCapture, ActiveCapture__Output as _prodbench_v1_ActiveCapture__Output } from '../../prodbench/v1/ActiveCapture.js';
import type { LogStats as _prodbench_v1_LogStats, LogStats__Output as _prodbench_v1_LogStats__Output } from '../../prodbench/v1/LogStats.js';
import type { Long } from '@grpc/proto-loader';

export interface AppliedConfig {
  'revision'?: (number | string | Long);
  'configHash'?: (string);
  'levels'?: (_prodbench_v1_EffectiveLevel)[];
  'rejected'?: (_prodbench_v1_Rejection | null);
  'captures'?: (_prodbench_v1_ActiveCapture)[];
  'logs'?: (_prodbench_v1_LogStats | null);
}

export interface AppliedConfig__Output {
  'revision'?: (number);
  'configHash'?: (string);
  'levels'?: (_prodbench_v1_EffectiveLevel__Output)[];
  'rejected'?: (_prodbench_v1_Rejection__Output);
  'captures'?: (_prodbench_v1_ActiveCapture__Output)[];
  'logs'?: (_prodbench_v1_LogStats__Output);
}
