// Original file: proto/prodbench/v1/control_plane.proto


export interface ListRulesRequest {
  'service'?: (string);
}

export interface ListRulesRequest__Output {
  'service'?: (string);
}
