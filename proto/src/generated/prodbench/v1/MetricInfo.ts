// Original file: proto/prodbench/v1/instance.proto

import type { Long } from '@grpc/proto-loader';

export interface MetricInfo {
  'name'?: (string);
  'kind'?: (string);
  'unit'?: (string);
  'value'?: (number | string);
  'series'?: (number);
  'overflow'?: (number | string | Long);
}

export interface MetricInfo__Output {
  'name'?: (string);
  'kind'?: (string);
  'unit'?: (string);
  'value'?: (number);
  'series'?: (number);
  'overflow'?: (number);
}
