// Original file: proto/prodbench/v1/control_plane.proto

import type { Long } from '@grpc/proto-loader';

export interface ServiceSummary {
  'service'?: (string);
  'instances'?: (number);
  'rules'?: (number);
  'revision'?: (number | string | Long);
  'quarantined'?: (number);
}

export interface ServiceSummary__Output {
  'service'?: (string);
  'instances'?: (number);
  'rules'?: (number);
  'revision'?: (number);
  'quarantined'?: (number);
}
