// Original file: proto/prodbench/v1/instruments.proto

import type { Long } from '@grpc/proto-loader';

export interface SeriesPoint {
  'metric'?: (string);
  'kind'?: (string);
  'unit'?: (string);
  'labels'?: ({[key: string]: string});
  'delta'?: (number | string);
  'value'?: (number | string);
  'min'?: (number | string);
  'max'?: (number | string);
  'samples'?: (number | string | Long);
}

export interface SeriesPoint__Output {
  'metric'?: (string);
  'kind'?: (string);
  'unit'?: (string);
  'labels'?: ({[key: string]: string});
  'delta'?: (number);
  'value'?: (number);
  'min'?: (number);
  'max'?: (number);
  'samples'?: (number);
}
