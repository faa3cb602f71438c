// Original file: proto/prodbench/v1/rules.proto


export interface Selector {
  'service'?: (string);
  'instance'?: (string);
  'logger'?: (string);
  'where'?: ({[key: string]: string});
}

export interface Selector__Output {
  'service'?: (string);
  'instance'?: (string);
  'logger'?: (string);
  'where'?: ({[key: string]: string});
}
