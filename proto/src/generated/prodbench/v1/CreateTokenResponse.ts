// Original file: proto/prodbench/v1/control_plane.proto

import type { TokenInfo as _prodbench_v1_TokenInfo, TokenInfo__Output as _prodbench_v1_TokenInfo__Output } from '../../prodbench/v1/TokenInfo.js';

export interface CreateTokenResponse {
  'token'?: (_prodbench_v1_TokenInfo | null);
  'secret'?: (string);
}

export interface CreateTokenResponse__Output {
  'token'?: (_prodbench_v1_TokenInfo__Output);
  'secret'?: (string);
}
