// Original file: proto/prodbench/v1/rules.proto


export interface CheckControl {
  'name'?: (string);
  'everyMs'?: (number);
  'paused'?: (boolean);
}

export interface CheckControl__Output {
  'name'?: (string);
  'everyMs'?: (number);
  'paused'?: (boolean);
}
