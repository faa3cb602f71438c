// Original file: proto/prodbench/v1/rules.proto

import type { Selector as _prodbench_v1_Selector, Selector__Output as _prodbench_v1_Selector__Output } from '../../prodbench/v1/Selector.js';
import type { Capture as _prodbench_v1_Capture, Capture__Output as _prodbench_v1_Capture__Output } from '../../prodbench/v1/Capture.js';
import type { Long } from '@grpc/proto-loader';

export interface Rule {
  'id'?: (string);
  'selector'?: (_prodbench_v1_Selector | null);
  'level'?: (string);
  'capture'?: (_prodbench_v1_Capture | null);
  'expiresAt'?: (number | string | Long);
  'createdAt'?: (number | string | Long);
  'author'?: (string);
  'reason'?: (string);
  'action'?: "level"|"capture";
}

export interface Rule__Output {
  'id'?: (string);
  'selector'?: (_prodbench_v1_Selector__Output);
  'level'?: (string);
  'capture'?: (_prodbench_v1_Capture__Output);
  'expiresAt'?: (number);
  'createdAt'?: (number);
  'author'?: (string);
  'reason'?: (string);
  'action'?: "level"|"capture";
}
