// Original file: proto/prodbench/v1/control_plane.proto


export interface ListChecksRequest {
  'service'?: (string);
}

export interface ListChecksRequest__Output {
  'service'?: (string);
}
