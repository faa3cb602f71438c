// Original file: proto/prodbench/v1/rules.proto

import type { Rule as _prodbench_v1_Rule, Rule__Output as _prodbench_v1_Rule__Output } from '../../prodbench/v1/Rule.js';
import type { Long } from '@grpc/proto-loader';

export interface DesiredState {
  'service'?: (string);
  'rules'?: (_prodbench_v1_Rule)[];
  'updatedAt'?: (number | string | Long);
}

export interface DesiredState__Output {
  'service'?: (string);
  'rules'?: (_prodbench_v1_Rule__Output)[];
  'updatedAt'?: (number);
}
