// Original file: proto/prodbench/v1/control_plane.proto

import type { Selector as _prodbench_v1_Selector, Selector__Output as _prodbench_v1_Selector__Output } from '../../prodbench/v1/Selector.js';
import type { Long } from '@grpc/proto-loader';

export interface RuleSpec {
  'selector'?: (_prodbench_v1_Selector | null);
  'level'?: (string);
  'ttlMs'?: (number | string | Long);
  'reason'?: (string);
  'action'?: "level";
}

export interface RuleSpec__Output {
  'selector'?: (_prodbench_v1_Selector__Output);
  'level'?: (string);
  'ttlMs'?: (number);
  'reason'?: (string);
  'action'?: "level";
}
