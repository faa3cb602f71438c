// Original file: proto/prodbench/v1/control_plane.proto


export interface DumpInstancesRequest {
  'service'?: (string);
  'instance'?: (string);
  'last'?: (number);
  'where'?: ({[key: string]: string});
  'logger'?: (string);
  'level'?: (string);
  'waitMs'?: (number);
}

export interface DumpInstancesRequest__Output {
  'service'?: (string);
  'instance'?: (string);
  'last'?: (number);
  'where'?: ({[key: string]: string});
  'logger'?: (string);
  'level'?: (string);
  'waitMs'?: (number);
}
