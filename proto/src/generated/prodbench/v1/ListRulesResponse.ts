// Original file: proto/prodbench/v1/control_plane.proto

import type { Rule as _prodbench_v1_Rule, Rule__Output as _prodbench_v1_Rule__Output } from '../../prodbench/v1/Rule.js';
import type { Long } from '@grpc/proto-loader';

export interface ListRulesResponse {
  'rules'?: (_prodbench_v1_Rule)[];
  'revision'?: (number | string | Long);
}

export interface ListRulesResponse__Output {
  'rules'?: (_prodbench_v1_Rule__Output)[];
  'revision'?: (number);
}
