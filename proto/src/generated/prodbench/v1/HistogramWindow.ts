// Original file: proto/prodbench/v1/histograms.proto

import type { Percentile as _prodbench_v1_Percentile, Percentile__Output as _prodbench_v1_Percentile__Output } from '../../prodbench/v1/Percentile.js';
import type { HistogramBucket as _prodbench_v1_HistogramBucket, HistogramBucket__Output as _prodbench_v1_HistogramBucket__Output } from '../../prodbench/v1/HistogramBucket.js';
import type { Long } from '@grpc/proto-loader';

export interface HistogramWindow {
  'captureId'?: (string);
  'service'?: (string);
  'metric'?: (string);
  'instance'?: (string);
  'startMs'?: (number | string | Long);
  'endMs'?: (number | string | Long);
  'unit'?: (string);
  'significantDigits'?: (number);
  'count'?: (number | string | Long);
  'sum'?: (number | string);
  'min'?: (number | string);
  'max'?: (number | string);
  'mean'?: (number | string);
  'percentiles'?: (_prodbench_v1_Percentile)[];
  'buckets'?: (_prodbench_v1_HistogramBucket)[];
  'hdr'?: (Buffer | Uint8Array | string);
  'instances'?: (string)[];
  'missing'?: (string)[];
  'clamped'?: (number | string | Long);
}

export interface HistogramWindow__Output {
  'captureId'?: (string);
  'service'?: (string);
  'metric'?: (string);
  'instance'?: (string);
  'startMs'?: (number);
  'endMs'?: (number);
  'unit'?: (string);
  'significantDigits'?: (number);
  'count'?: (number);
  'sum'?: (number);
  'min'?: (number);
  'max'?: (number);
  'mean'?: (number);
  'percentiles'?: (_prodbench_v1_Percentile__Output)[];
  'buckets'?: (_prodbench_v1_HistogramBucket__Output)[];
  'hdr'?: (Buffer);
  'instances'?: (string)[];
  'missing'?: (string)[];
  'clamped'?: (number);
}
