// Original file: proto/prodbench/v1/incidents.proto


export interface IncidentError {
  'type'?: (string);
  'message'?: (string);
  'stack'?: (string);
}

export interface IncidentError__Output {
  'type'?: (string);
  'message'?: (string);
  'stack'?: (string);
}
