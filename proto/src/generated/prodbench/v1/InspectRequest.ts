// Original file: proto/prodbench/v1/incidents.proto

import type { Long } from '@grpc/proto-loader';

export interface InspectRequest {
  'ttlMs'?: (number | string | Long);
}

export interface InspectRequest__Output {
  'ttlMs'?: (number);
}
