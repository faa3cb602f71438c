// Original file: proto/prodbench/v1/instruments.proto

import type { SeriesPoint as _prodbench_v1_SeriesPoint, SeriesPoint__Output as _prodbench_v1_SeriesPoint__Output } from '../../prodbench/v1/SeriesPoint.js';
import type { Long } from '@grpc/proto-loader';

export interface ScalarSnapshot {
  'captureId'?: (string);
  'service'?: (string);
  'instance'?: (string);
  'seq'?: (number | string | Long);
  'startMs'?: (number | string | Long);
  'endMs'?: (number | string | Long);
  'points'?: (_prodbench_v1_SeriesPoint)[];
}

export interface ScalarSnapshot__Output {
  'captureId'?: (string);
  'service'?: (string);
  'instance'?: (string);
  'seq'?: (number);
  'startMs'?: (number);
  'endMs'?: (number);
  'points'?: (_prodbench_v1_SeriesPoint__Output)[];
}
