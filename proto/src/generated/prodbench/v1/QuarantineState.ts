// Original file: proto/prodbench/v1/instance.proto

import type { Long } from '@grpc/proto-loader';

export interface QuarantineState {
  'active'?: (boolean);
  'ruleId'?: (string);
  'reason'?: (string);
  'author'?: (string);
  'since'?: (number | string | Long);
}

export interface QuarantineState__Output {
  'active'?: (boolean);
  'ruleId'?: (string);
  'reason'?: (string);
  'author'?: (string);
  'since'?: (number);
}
