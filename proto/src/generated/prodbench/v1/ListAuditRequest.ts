// Original file: proto/prodbench/v1/control_plane.proto

import type { Long } from '@grpc/proto-loader';

export interface ListAuditRequest {
  'service'?: (string);
  'since'?: (number | string | Long);
  'limit'?: (number);
}

export interface ListAuditRequest__Output {
  'service'?: (string);
  'since'?: (number);
  'limit'?: (number);
}
