// Original file: proto/prodbench/v1/control_plane.proto

import type { InstanceMetrics as _prodbench_v1_InstanceMetrics, InstanceMetrics__Output as _prodbench_v1_InstanceMetrics__Output } from '../../prodbench/v1/InstanceMetrics.js';

export interface ListMetricsResponse {
  'service'?: (string);
  'instances'?: (_prodbench_v1_InstanceMetrics)[];
}

export interface ListMetricsResponse__Output {
  'service'?: (string);
  'instances'?: (_prodbench_v1_InstanceMetrics__Output)[];
}
