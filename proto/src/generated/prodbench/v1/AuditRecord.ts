// Original file: proto/prodbench/v1/control_plane.proto

import type { Long } from '@grpc/proto-loader';

export interface AuditRecord {
  'seq'?: (number | string | Long);
  'at'?: (number | string | Long);
  'who'?: (string);
  'role'?: (string);
  'authorHint'?: (string);
  'peer'?: (string);
  'transport'?: (string);
  'method'?: (string);
  'service'?: (string);
  'request'?: (string);
  'reason'?: (string);
  'result'?: (string);
  'message'?: (string);
}

export interface AuditRecord__Output {
  'seq'?: (number);
  'at'?: (number);
  'who'?: (string);
  'role'?: (string);
  'authorHint'?: (string);
  'peer'?: (string);
  'transport'?: (string);
  'method'?: (string);
  'service'?: (string);
  'request'?: (string);
  'reason'?: (string);
  'result'?: (string);
  'message'?: (string);
}
