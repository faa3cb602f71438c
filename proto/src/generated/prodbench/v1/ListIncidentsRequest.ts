// Original file: proto/prodbench/v1/control_plane.proto


export interface ListIncidentsRequest {
  'service'?: (string);
  'status'?: (string);
  'limit'?: (number);
}

export interface ListIncidentsRequest__Output {
  'service'?: (string);
  'status'?: (string);
  'limit'?: (number);
}
