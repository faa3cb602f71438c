// Original file: proto/prodbench/v1/control_plane.proto

import type { Selector as _prodbench_v1_Selector, Selector__Output as _prodbench_v1_Selector__Output } from '../../prodbench/v1/Selector.js';
import type { Long } from '@grpc/proto-loader';

export interface TailRequest {
  'selector'?: (_prodbench_v1_Selector | null);
  'level'?: (string);
  'ttlMs'?: (number | string | Long);
  'maxPerSec'?: (number);
  'reason'?: (string);
}

export interface TailRequest__Output {
  'selector'?: (_prodbench_v1_Selector__Output);
  'level'?: (string);
  'ttlMs'?: (number);
  'maxPerSec'?: (number);
  'reason'?: (string);
}
