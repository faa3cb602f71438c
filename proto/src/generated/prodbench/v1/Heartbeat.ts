// Original file: proto/prodbench/v1/instance.proto

import type { InstanceIdentity as _prodbench_v1_InstanceIdentity, InstanceIdentity__Output as _prodbench_v1_InstanceIdentity__Output } from '../../prodbench/v1/InstanceIdentity.js';
import type { AppliedConfig as _prodbench_v1_AppliedConfig, AppliedConfig__Output as _prodbench_v1_AppliedConfig__Output } from '../../prodbench/v1/AppliedConfig.js';
import type { MetricInfo as _prodbench_v1_MetricInfo, MetricInfo__Output as _prodbench_v1_MetricInfo__Output } from '../../prodbench/v1/MetricInfo.js';
import type { CheckInfo as _prodbench_v1_CheckInfo, CheckInfo__Output as _prodbench_v1_CheckInfo__Output } from '../../prodbench/v1/CheckInfo.js';
import type { QuarantineState as _prodbench_v1_QuarantineState, QuarantineState__Output as _prodbench_v1_QuarantineState__Output } from '../../prodbench/v1/QuarantineState.js';
import type { Long } from '@grpc/proto-loader';

export interface Heartbeat {
  'identity'?: (_prodbench_v1_InstanceIdentity | null);
  'applied'?: (_prodbench_v1_AppliedConfig | null);
  'uptimeMs'?: (number | string | Long);
  'intervalMs'?: (number);
  'leaving'?: (boolean);
  'reconnects'?: (number);
  'at'?: (number | string | Long);
  'metrics'?: (_prodbench_v1_MetricInfo)[];
  'snapshotsDropped'?: (number | string | Long);
  'checks'?: (_prodbench_v1_CheckInfo)[];
  'quarantine'?: (_prodbench_v1_QuarantineState | null);
  'metricsChangedOnly'?: (boolean);
}

export interface Heartbeat__Output {
  'identity'?: (_prodbench_v1_InstanceIdentity__Output);
  'applied'?: (_prodbench_v1_AppliedConfig__Output);
  'uptimeMs'?: (number);
  'intervalMs'?: (number);
  'leaving'?: (boolean);
  'reconnects'?: (number);
  'at'?: (number);
  'metrics'?: (_prodbench_v1_MetricInfo__Output)[];
  'snapshotsDropped'?: (number);
  'checks'?: (_prodbench_v1_CheckInfo__Output)[];
  'quarantine'?: (_prodbench_v1_QuarantineState__Output);
  'metricsChangedOnly'?: (boolean);
}
