// Original file: proto/prodbench/v1/control_plane.proto

import type { TokenInfo as _prodbench_v1_TokenInfo, TokenInfo__Output as _prodbench_v1_TokenInfo__Output } from '../../prodbench/v1/TokenInfo.js';

export interface ListTokensResponse {
  'tokens'?: (_prodbench_v1_TokenInfo)[];
}

export interface ListTokensResponse__Output {
  'tokens'?: (_prodbench_v1_TokenInfo__Output)[];
}
