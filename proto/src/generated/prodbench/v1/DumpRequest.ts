// Original file: proto/prodbench/v1/logs.proto


export interface DumpRequest {
  'last'?: (number);
  'where'?: ({[key: string]: string});
  'logger'?: (string);
  'level'?: (string);
}

export interface DumpRequest__Output {
  'last'?: (number);
  'where'?: ({[key: string]: string});
  'logger'?: (string);
  'level'?: (string);
}
