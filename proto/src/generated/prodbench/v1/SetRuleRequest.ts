// Original file: proto/prodbench/v1/control_plane.proto

import type { RuleSpec as _prodbench_v1_RuleSpec, RuleSpec__Output as _prodbench_v1_RuleSpec__Output } from '../../prodbench/v1/RuleSpec.js';

export interface SetRuleRequest {
  'rule'?: (_prodbench_v1_RuleSpec | null);
  'waitMs'?: (number);
}

export interface SetRuleRequest__Output {
  'rule'?: (_prodbench_v1_RuleSpec__Output);
  'waitMs'?: (number);
}
