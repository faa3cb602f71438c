// Original file: proto/prodbench/v1/control_plane.proto


export interface RemoveRulesRequest {
  'service'?: (string);
  'ruleIds'?: (string)[];
  'instance'?: (string);
  'logger'?: (string);
  'waitMs'?: (number);
  'reason'?: (string);
}

export interface RemoveRulesRequest__Output {
  'service'?: (string);
  'ruleIds'?: (string)[];
  'instance'?: (string);
  'logger'?: (string);
  'waitMs'?: (number);
  'reason'?: (string);
}
