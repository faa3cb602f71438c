// Original file: proto/prodbench/v1/rules.proto


export interface Sample {
  'level'?: (string);
  'rate'?: (number | string);
}

export interface Sample__Output {
  'level'?: (string);
  'rate'?: (number);
}
