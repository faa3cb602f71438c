// Original file: proto/prodbench/v1/logs.proto

import type { Long } from '@grpc/proto-loader';

export interface TailBatch {
  'tailId'?: (string);
  'service'?: (string);
  'instance'?: (string);
  'seq'?: (number | string | Long);
  'records'?: (string)[];
  'dropped'?: (number);
}

export interface TailBatch__Output {
  'tailId'?: (string);
  'service'?: (string);
  'instance'?: (string);
  'seq'?: (number);
  'records'?: (string)[];
  'dropped'?: (number);
}
