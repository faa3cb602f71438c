// Original file: proto/prodbench/v1/rules.proto


export interface Selector {
  'service'?: (string);
  'instance'?: (string);
  'logger'?: (string);
}

export interface Selector__Output {
  'service'?: (string);
  'instance'?: (string);
  'logger'?: (string);
}
