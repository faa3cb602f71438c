// Original file: proto/prodbench/v1/control_plane.proto

import type { Long } from '@grpc/proto-loader';

export interface TokenInfo {
  'name'?: (string);
  'role'?: (string);
  'services'?: (string)[];
  'createdAt'?: (number | string | Long);
  'createdBy'?: (string);
  'expiresAt'?: (number | string | Long);
  'reason'?: (string);
}

export interface TokenInfo__Output {
  'name'?: (string);
  'role'?: (string);
  'services'?: (string)[];
  'createdAt'?: (number);
  'createdBy'?: (string);
  'expiresAt'?: (number);
  'reason'?: (string);
}
