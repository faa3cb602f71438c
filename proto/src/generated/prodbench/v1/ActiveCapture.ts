// Original file: proto/prodbench/v1/instance.proto

import type { Long } from '@grpc/proto-loader';

export interface ActiveCapture {
  'captureId'?: (string);
  'metric'?: (string);
  'intervalMs'?: (number);
  'metrics'?: (string)[];
  'refused'?: (string);
  'expiresAt'?: (number | string | Long);
}

export interface ActiveCapture__Output {
  'captureId'?: (string);
  'metric'?: (string);
  'intervalMs'?: (number);
  'metrics'?: (string)[];
  'refused'?: (string);
  'expiresAt'?: (number);
}
