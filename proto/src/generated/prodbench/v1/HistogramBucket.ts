// Original file: proto/prodbench/v1/histograms.proto

import type { Long } from '@grpc/proto-loader';

export interface HistogramBucket {
  'le'?: (number | string);
  'count'?: (number | string | Long);
}

export interface HistogramBucket__Output {
  'le'?: (number);
  'count'?: (number);
}
