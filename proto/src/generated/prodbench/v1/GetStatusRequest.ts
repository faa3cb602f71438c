// Original file: proto/prodbench/v1/control_plane.proto


export interface GetStatusRequest {
  'service'?: (string);
}

export interface GetStatusRequest__Output {
  'service'?: (string);
}
