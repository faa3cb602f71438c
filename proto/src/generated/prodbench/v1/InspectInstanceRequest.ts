// Original file: proto/prodbench/v1/control_plane.proto

import type { Long } from '@grpc/proto-loader';

export interface InspectInstanceRequest {
  'service'?: (string);
  'instance'?: (string);
  'ttlMs'?: (number | string | Long);
}

export interface InspectInstanceRequest__Output {
  'service'?: (string);
  'instance'?: (string);
  'ttlMs'?: (number);
}
