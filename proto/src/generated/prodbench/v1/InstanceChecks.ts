// Original file: proto/prodbench/v1/control_plane.proto

import type { CheckInfo as _prodbench_v1_CheckInfo, CheckInfo__Output as _prodbench_v1_CheckInfo__Output } from '../../prodbench/v1/CheckInfo.js';

export interface InstanceChecks {
  'instance'?: (string);
  'checks'?: (_prodbench_v1_CheckInfo)[];
}

export interface InstanceChecks__Output {
  'instance'?: (string);
  'checks'?: (_prodbench_v1_CheckInfo__Output)[];
}
