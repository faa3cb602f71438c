// Original file: proto/prodbench/v1/control_plane.proto

import type { Rule as _prodbench_v1_Rule, Rule__Output as _prodbench_v1_Rule__Output } from '../../prodbench/v1/Rule.js';
import type { Rollout as _prodbench_v1_Rollout, Rollout__Output as _prodbench_v1_Rollout__Output } from '../../prodbench/v1/Rollout.js';

export interface ChangeResponse {
  'rules'?: (_prodbench_v1_Rule)[];
  'replacedIds'?: (string)[];
  'rollout'?: (_prodbench_v1_Rollout | null);
}

export interface ChangeResponse__Output {
  'rules'?: (_prodbench_v1_Rule__Output)[];
  'replacedIds'?: (string)[];
  'rollout'?: (_prodbench_v1_Rollout__Output);
}
