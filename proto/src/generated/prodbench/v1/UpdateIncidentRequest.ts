// Original file: proto/prodbench/v1/control_plane.proto


export interface UpdateIncidentRequest {
  'id'?: (string);
  'action'?: (string);
  'reason'?: (string);
}

export interface UpdateIncidentRequest__Output {
  'id'?: (string);
  'action'?: (string);
  'reason'?: (string);
}
