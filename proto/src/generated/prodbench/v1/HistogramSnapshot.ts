// Original file: proto/prodbench/v1/histograms.proto

import type { Long } from '@grpc/proto-loader';

export interface HistogramSnapshot {
  'captureId'?: (string);
  'service'?: (string);
  'instance'?: (string);
  'metric'?: (string);
  'seq'?: (number | string | Long);
  'startMs'?: (number | string | Long);
  'endMs'?: (number | string | Long);
  'unit'?: (string);
  'significantDigits'?: (number);
  'lowest'?: (number | string | Long);
  'highest'?: (number | string | Long);
  'count'?: (number | string | Long);
  'sum'?: (number | string);
  'min'?: (number | string);
  'max'?: (number | string);
  'clamped'?: (number | string | Long);
  'hdr'?: (Buffer | Uint8Array | string);
}

export interface HistogramSnapshot__Output {
  'captureId'?: (string);
  'service'?: (string);
  'instance'?: (string);
  'metric'?: (string);
  'seq'?: (number);
  'startMs'?: (number);
  'endMs'?: (number);
  'unit'?: (string);
  'significantDigits'?: (number);
  'lowest'?: (number);
  'highest'?: (number);
  'count'?: (number);
  'sum'?: (number);
  'min'?: (number);
  'max'?: (number);
  'clamped'?: (number);
  'hdr'?: (Buffer);
}
