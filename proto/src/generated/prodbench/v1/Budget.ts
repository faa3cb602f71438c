// Original file: proto/prodbench/v1/rules.proto

import type { Long } from '@grpc/proto-loader';

export interface Budget {
  'recordsPerSec'?: (number);
  'bytesPerSec'?: (number | string | Long);
}

export interface Budget__Output {
  'recordsPerSec'?: (number);
  'bytesPerSec'?: (number);
}
