// Original file: proto/prodbench/v1/control_plane.proto

import type { Rule as _prodbench_v1_Rule, Rule__Output as _prodbench_v1_Rule__Output } from '../../prodbench/v1/Rule.js';
import type { InstanceInfo as _prodbench_v1_InstanceInfo, InstanceInfo__Output as _prodbench_v1_InstanceInfo__Output } from '../../prodbench/v1/InstanceInfo.js';
import type { Long } from '@grpc/proto-loader';

export interface GetStatusResponse {
  'service'?: (string);
  'revision'?: (number | string | Long);
  'rules'?: (_prodbench_v1_Rule)[];
  'instances'?: (_prodbench_v1_InstanceInfo)[];
}

export interface GetStatusResponse__Output {
  'service'?: (string);
  'revision'?: (number);
  'rules'?: (_prodbench_v1_Rule__Output)[];
  'instances'?: (_prodbench_v1_InstanceInfo__Output)[];
}
