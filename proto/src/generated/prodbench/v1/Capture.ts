// Original file: proto/prodbench/v1/rules.proto


export interface Capture {
  'metric'?: (string);
  'intervalMs'?: (number);
}

export interface Capture__Output {
  'metric'?: (string);
  'intervalMs'?: (number);
}
