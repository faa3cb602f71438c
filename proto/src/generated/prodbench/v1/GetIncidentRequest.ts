// Original file: proto/prodbench/v1/control_plane.proto


export interface GetIncidentRequest {
  'id'?: (string);
}

export interface GetIncidentRequest__Output {
  'id'?: (string);
}
