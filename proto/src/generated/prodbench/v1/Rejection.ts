// Original file: proto/prodbench/v1/instance.proto

import type { Long } from '@grpc/proto-loader';

export interface Rejection {
  'count'?: (number | string | Long);
  'lastReason'?: (string);
  'lastAt'?: (number | string | Long);
  'lastRevision'?: (number | string | Long);
}

export interface Rejection__Output {
  'count'?: (number);
  'lastReason'?: (string);
  'lastAt'?: (number);
  'lastRevision'?: (number);
}
