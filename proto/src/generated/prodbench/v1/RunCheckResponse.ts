// Original file: proto/prodbench/v1/control_plane.proto

import type { CheckRunReply as _prodbench_v1_CheckRunReply, CheckRunReply__Output as _prodbench_v1_CheckRunReply__Output } from '../../prodbench/v1/CheckRunReply.js';

export interface RunCheckResponse {
  'results'?: (_prodbench_v1_CheckRunReply)[];
  'missing'?: (string)[];
}

export interface RunCheckResponse__Output {
  'results'?: (_prodbench_v1_CheckRunReply__Output)[];
  'missing'?: (string)[];
}
