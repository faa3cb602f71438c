// Original file: proto/prodbench/v1/control_plane.proto

import type { AuditRecord as _prodbench_v1_AuditRecord, AuditRecord__Output as _prodbench_v1_AuditRecord__Output } from '../../prodbench/v1/AuditRecord.js';

export interface ListAuditResponse {
  'records'?: (_prodbench_v1_AuditRecord)[];
}

export interface ListAuditResponse__Output {
  'records'?: (_prodbench_v1_AuditRecord__Output)[];
}
