// Original file: proto/prodbench/v1/incidents.proto


export interface CheckRunRequest {
  'name'?: (string);
}

export interface CheckRunRequest__Output {
  'name'?: (string);
}
