// Original file: proto/prodbench/v1/rules.proto


export interface Record {
  'level'?: (string);
}

export interface Record__Output {
  'level'?: (string);
}
