// Original file: proto/prodbench/v1/control_plane.proto

import type { ServiceSummary as _prodbench_v1_ServiceSummary, ServiceSummary__Output as _prodbench_v1_ServiceSummary__Output } from '../../prodbench/v1/ServiceSummary.js';

export interface ListServicesResponse {
  'services'?: (_prodbench_v1_ServiceSummary)[];
}

export interface ListServicesResponse__Output {
  'services'?: (_prodbench_v1_ServiceSummary__Output)[];
}
