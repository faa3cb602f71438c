// Original file: proto/prodbench/v1/control_plane.proto

import type { InstanceInfo as _prodbench_v1_InstanceInfo, InstanceInfo__Output as _prodbench_v1_InstanceInfo__Output } from '../../prodbench/v1/InstanceInfo.js';

export interface ListInstancesResponse {
  'instances'?: (_prodbench_v1_InstanceInfo)[];
}

export interface ListInstancesResponse__Output {
  'instances'?: (_prodbench_v1_InstanceInfo__Output)[];
}
