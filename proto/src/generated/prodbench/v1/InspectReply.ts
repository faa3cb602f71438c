// Original file: proto/prodbench/v1/incidents.proto

import type { InstanceIdentity as _prodbench_v1_InstanceIdentity, InstanceIdentity__Output as _prodbench_v1_InstanceIdentity__Output } from '../../prodbench/v1/InstanceIdentity.js';
import type { Long } from '@grpc/proto-loader';

export interface InspectReply {
  'identity'?: (_prodbench_v1_InstanceIdentity | null);
  'url'?: (string);
  'devtoolsUrl'?: (string);
  'host'?: (string);
  'port'?: (number);
  'closesAt'?: (number | string | Long);
  'error'?: (string);
}

export interface InspectReply__Output {
  'identity'?: (_prodbench_v1_InstanceIdentity__Output);
  'url'?: (string);
  'devtoolsUrl'?: (string);
  'host'?: (string);
  'port'?: (number);
  'closesAt'?: (number);
  'error'?: (string);
}
