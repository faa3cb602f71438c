// Original file: proto/prodbench/v1/instance.proto

import type { Long } from '@grpc/proto-loader';

export interface LevelSource {
  'ruleId'?: (string);
  'author'?: (string);
  'expiresAt'?: (number | string | Long);
  'reason'?: (string);
}

export interface LevelSource__Output {
  'ruleId'?: (string);
  'author'?: (string);
  'expiresAt'?: (number);
  'reason'?: (string);
}
