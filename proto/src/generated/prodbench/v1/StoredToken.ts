// Original file: proto/prodbench/v1/control_plane.proto

import type { TokenInfo as _prodbench_v1_TokenInfo, TokenInfo__Output as _prodbench_v1_TokenInfo__Output } from '../../prodbench/v1/TokenInfo.js';

export interface StoredToken {
  'info'?: (_prodbench_v1_TokenInfo | null);
  'sha256'?: (string);
}

export interface StoredToken__Output {
  'info'?: (_prodbench_v1_TokenInfo__Output);
  'sha256'?: (string);
}
