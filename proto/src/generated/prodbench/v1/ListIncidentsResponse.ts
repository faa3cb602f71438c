// Original file: proto/prodbench/v1/control_plane.proto

import type { Incident as _prodbench_v1_Incident, Incident__Output as _prodbench_v1_Incident__Output } from '../../prodbench/v1/Incident.js';

export interface ListIncidentsResponse {
  'incidents'?: (_prodbench_v1_Incident)[];
}

export interface ListIncidentsResponse__Output {
  'incidents'?: (_prodbench_v1_Incident__Output)[];
}
