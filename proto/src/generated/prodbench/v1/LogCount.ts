// Original file: proto/prodbench/v1/instance.proto

import type { Long } from '@grpc/proto-loader';

export interface LogCount {
  'logger'?: (string);
  'level'?: (string);
  'count'?: (number | string | Long);
}

export interface LogCount__Output {
  'logger'?: (string);
  'level'?: (string);
  'count'?: (number);
}
