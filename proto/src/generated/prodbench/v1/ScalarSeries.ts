// Original file: proto/prodbench/v1/instruments.proto

import type { InstanceValue as _prodbench_v1_InstanceValue, InstanceValue__Output as _prodbench_v1_InstanceValue__Output } from '../../prodbench/v1/InstanceValue.js';

export interface ScalarSeries {
  'metric'?: (string);
  'kind'?: (string);
  'unit'?: (string);
  'labels'?: ({[key: string]: string});
  'sum'?: (number | string);
  'rate'?: (number | string);
  'min'?: (number | string);
  'max'?: (number | string);
  'instances'?: (_prodbench_v1_InstanceValue)[];
}

export interface ScalarSeries__Output {
  'metric'?: (string);
  'kind'?: (string);
  'unit'?: (string);
  'labels'?: ({[key: string]: string});
  'sum'?: (number);
  'rate'?: (number);
  'min'?: (number);
  'max'?: (number);
  'instances'?: (_prodbench_v1_InstanceValue__Output)[];
}
