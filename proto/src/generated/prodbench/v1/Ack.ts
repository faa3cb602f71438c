// Original file: proto/prodbench/v1/instance.proto

import type { InstanceIdentity as _prodbench_v1_InstanceIdentity, InstanceIdentity__Output as _prodbench_v1_InstanceIdentity__Output } from '../../prodbench/v1/InstanceIdentity.js';
import type { AppliedConfig as _prodbench_v1_AppliedConfig, AppliedConfig__Output as _prodbench_v1_AppliedConfig__Output } from '../../prodbench/v1/AppliedConfig.js';
import type { Long } from '@grpc/proto-loader';

export interface Ack {
  'identity'?: (_prodbench_v1_InstanceIdentity | null);
  'revision'?: (number | string | Long);
  'ok'?: (boolean);
  'error'?: (string);
  'applied'?: (_prodbench_v1_AppliedConfig | null);
  'at'?: (number | string | Long);
}

export interface Ack__Output {
  'identity'?: (_prodbench_v1_InstanceIdentity__Output);
  'revision'?: (number);
  'ok'?: (boolean);
  'error'?: (string);
  'applied'?: (_prodbench_v1_AppliedConfig__Output);
  'at'?: (number);
}
