// Original file: proto/prodbench/v1/control_plane.proto

import type { InstanceChecks as _prodbench_v1_InstanceChecks, InstanceChecks__Output as _prodbench_v1_InstanceChecks__Output } from '../../prodbench/v1/InstanceChecks.js';

export interface ListChecksResponse {
  'instances'?: (_prodbench_v1_InstanceChecks)[];
}

export interface ListChecksResponse__Output {
  'instances'?: (_prodbench_v1_InstanceChecks__Output)[];
}
