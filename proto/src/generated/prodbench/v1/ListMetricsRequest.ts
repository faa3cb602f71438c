// Original file: proto/prodbench/v1/control_plane.proto


export interface ListMetricsRequest {
  'service'?: (string);
}

export interface ListMetricsRequest__Output {
  'service'?: (string);
}
