// Original file: proto/prodbench/v1/instruments.proto

import type { ScalarSeries as _prodbench_v1_ScalarSeries, ScalarSeries__Output as _prodbench_v1_ScalarSeries__Output } from '../../prodbench/v1/ScalarSeries.js';
import type { Long } from '@grpc/proto-loader';

export interface ScalarWindow {
  'captureId'?: (string);
  'service'?: (string);
  'startMs'?: (number | string | Long);
  'endMs'?: (number | string | Long);
  'series'?: (_prodbench_v1_ScalarSeries)[];
  'instances'?: (string)[];
  'missing'?: (string)[];
}

export interface ScalarWindow__Output {
  'captureId'?: (string);
  'service'?: (string);
  'startMs'?: (number);
  'endMs'?: (number);
  'series'?: (_prodbench_v1_ScalarSeries__Output)[];
  'instances'?: (string)[];
  'missing'?: (string)[];
}
