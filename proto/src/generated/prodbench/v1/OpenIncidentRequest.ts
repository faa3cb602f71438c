// Original file: proto/prodbench/v1/control_plane.proto


export interface OpenIncidentRequest {
  'service'?: (string);
  'instance'?: (string);
  'title'?: (string);
  'reason'?: (string);
}

export interface OpenIncidentRequest__Output {
  'service'?: (string);
  'instance'?: (string);
  'title'?: (string);
  'reason'?: (string);
}
