// Original file: proto/prodbench/v1/instance.proto

import type { Long } from '@grpc/proto-loader';

export interface CheckResult {
  'ok'?: (boolean);
  'durationMs'?: (number | string);
  'error'?: (string);
  'at'?: (number | string | Long);
  'trigger'?: (string);
}

export interface CheckResult__Output {
  'ok'?: (boolean);
  'durationMs'?: (number);
  'error'?: (string);
  'at'?: (number);
  'trigger'?: (string);
}
