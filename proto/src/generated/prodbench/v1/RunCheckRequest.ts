// Original file: proto/prodbench/v1/control_plane.proto


export interface RunCheckRequest {
  'service'?: (string);
  'name'?: (string);
  'instance'?: (string);
  'waitMs'?: (number);
}

export interface RunCheckRequest__Output {
  'service'?: (string);
  'name'?: (string);
  'instance'?: (string);
  'waitMs'?: (number);
}
