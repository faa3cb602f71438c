// Original file: proto/prodbench/v1/control_plane.proto


export interface TailEvent {
  'tailId'?: (string);
  'instance'?: (string);
  'records'?: (string)[];
  'dropped'?: (number);
  'ended'?: (string);
}

export interface TailEvent__Output {
  'tailId'?: (string);
  'instance'?: (string);
  'records'?: (string)[];
  'dropped'?: (number);
  'ended'?: (string);
}
