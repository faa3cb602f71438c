// Original file: proto/prodbench/v1/rules.proto


export interface Quarantine {
  'reason'?: (string);
}

export interface Quarantine__Output {
  'reason'?: (string);
}
