// Original file: proto/prodbench/v1/incidents.proto

import type { InstanceIdentity as _prodbench_v1_InstanceIdentity, InstanceIdentity__Output as _prodbench_v1_InstanceIdentity__Output } from '../../prodbench/v1/InstanceIdentity.js';
import type { CheckResult as _prodbench_v1_CheckResult, CheckResult__Output as _prodbench_v1_CheckResult__Output } from '../../prodbench/v1/CheckResult.js';

export interface CheckRunReply {
  'identity'?: (_prodbench_v1_InstanceIdentity | null);
  'name'?: (string);
  'result'?: (_prodbench_v1_CheckResult | null);
  'error'?: (string);
}

export interface CheckRunReply__Output {
  'identity'?: (_prodbench_v1_InstanceIdentity__Output);
  'name'?: (string);
  'result'?: (_prodbench_v1_CheckResult__Output);
  'error'?: (string);
}
