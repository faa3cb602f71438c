// Original file: proto/prodbench/v1/control_plane.proto

import type { MetricInfo as _prodbench_v1_MetricInfo, MetricInfo__Output as _prodbench_v1_MetricInfo__Output } from '../../prodbench/v1/MetricInfo.js';

export interface InstanceMetrics {
  'instance'?: (string);
  'metrics'?: (_prodbench_v1_MetricInfo)[];
}

export interface InstanceMetrics__Output {
  'instance'?: (string);
  'metrics'?: (_prodbench_v1_MetricInfo__Output)[];
}
