// Original file: proto/prodbench/v1/control_plane.proto

import type { Long } from '@grpc/proto-loader';

export interface CreateTokenRequest {
  'name'?: (string);
  'role'?: (string);
  'services'?: (string)[];
  'ttlMs'?: (number | string | Long);
  'reason'?: (string);
}

export interface CreateTokenRequest__Output {
  'name'?: (string);
  'role'?: (string);
  'services'?: (string)[];
  'ttlMs'?: (number);
  'reason'?: (string);
}
