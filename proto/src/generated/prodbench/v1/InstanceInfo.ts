// Original file: proto/prodbench/v1/control_plane.proto

import type { InstanceIdentity as _prodbench_v1_InstanceIdentity, InstanceIdentity__Output as _prodbench_v1_InstanceIdentity__Output } from '../../prodbench/v1/InstanceIdentity.js';
import type { AppliedConfig as _prodbench_v1_AppliedConfig, AppliedConfig__Output as _prodbench_v1_AppliedConfig__Output } from '../../prodbench/v1/AppliedConfig.js';
import type { QuarantineState as _prodbench_v1_QuarantineState, QuarantineState__Output as _prodbench_v1_QuarantineState__Output } from '../../prodbench/v1/QuarantineState.js';
import type { Long } from '@grpc/proto-loader';

export interface InstanceInfo {
  'identity'?: (_prodbench_v1_InstanceIdentity | null);
  'applied'?: (_prodbench_v1_AppliedConfig | null);
  'uptimeMs'?: (number | string | Long);
  'lastSeen'?: (number | string | Long);
  'reconnects'?: (number);
  'quarantine'?: (_prodbench_v1_QuarantineState | null);
}

export interface InstanceInfo__Output {
  'identity'?: (_prodbench_v1_InstanceIdentity__Output);
  'applied'?: (_prodbench_v1_AppliedConfig__Output);
  'uptimeMs'?: (number);
  'lastSeen'?: (number);
  'reconnects'?: (number);
  'quarantine'?: (_prodbench_v1_QuarantineState__Output);
}
