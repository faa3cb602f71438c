// Original file: proto/prodbench/v1/control_plane.proto


export interface ListInstancesRequest {
  'service'?: (string);
}

export interface ListInstancesRequest__Output {
  'service'?: (string);
}
