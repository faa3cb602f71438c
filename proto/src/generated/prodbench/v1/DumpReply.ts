// Original file: proto/prodbench/v1/logs.proto

import type { InstanceIdentity as _prodbench_v1_InstanceIdentity, InstanceIdentity__Output as _prodbench_v1_InstanceIdentity__Output } from '../../prodbench/v1/InstanceIdentity.js';
import type { Long } from '@grpc/proto-loader';

export interface DumpReply {
  'identity'?: (_prodbench_v1_InstanceIdentity | null);
  'records'?: (string)[];
  'ringRecords'?: (number);
  'ringBytes'?: (number | string | Long);
  'maxRecords'?: (number);
  'maxBytes'?: (number | string | Long);
  'error'?: (string);
}

export interface DumpReply__Output {
  'identity'?: (_prodbench_v1_InstanceIdentity__Output);
  'records'?: (string)[];
  'ringRecords'?: (number);
  'ringBytes'?: (number);
  'maxRecords'?: (number);
  'maxBytes'?: (number);
  'error'?: (string);
}
