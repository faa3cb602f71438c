// Original file: proto/prodbench/v1/control_plane.proto

import type { Selector as _prodbench_v1_Selector, Selector__Output as _prodbench_v1_Selector__Output } from '../../prodbench/v1/Selector.js';
import type { Capture as _prodbench_v1_Capture, Capture__Output as _prodbench_v1_Capture__Output } from '../../prodbench/v1/Capture.js';
import type { Long } from '@grpc/proto-loader';

export interface RuleSpec {
  'selector'?: (_prodbench_v1_Selector | null);
  'level'?: (string);
  'capture'?: (_prodbench_v1_Capture | null);
  'ttlMs'?: (number | string | Long);
  'reason'?: (string);
  'action'?: "level"|"capture";
}

export interface RuleSpec__Output {
  'selector'?: (_prodbench_v1_Selector__Output);
  'level'?: (string);
  'capture'?: (_prodbench_v1_Capture__Output);
  'ttlMs'?: (number);
  'reason'?: (string);
  'action'?: "level"|"capture";
}
