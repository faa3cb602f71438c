// Original file: proto/prodbench/v1/rules.proto


export interface Tail {
  'level'?: (string);
  'maxPerSec'?: (number);
}

export interface Tail__Output {
  'level'?: (string);
  'maxPerSec'?: (number);
}
