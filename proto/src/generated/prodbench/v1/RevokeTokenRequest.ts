// Original file: proto/prodbench/v1/control_plane.proto


export interface RevokeTokenRequest {
  'name'?: (string);
  'reason'?: (string);
}

export interface RevokeTokenRequest__Output {
  'name'?: (string);
  'reason'?: (string);
}
