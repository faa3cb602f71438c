// Original file: proto/prodbench/v1/control_plane.proto

import type { DumpReply as _prodbench_v1_DumpReply, DumpReply__Output as _prodbench_v1_DumpReply__Output } from '../../prodbench/v1/DumpReply.js';

export interface DumpResponse {
  'instances'?: (_prodbench_v1_DumpReply)[];
  'missing'?: (string)[];
}

export interface DumpResponse__Output {
  'instances'?: (_prodbench_v1_DumpReply__Output)[];
  'missing'?: (string)[];
}
