// Original file: proto/prodbench/v1/instruments.proto


export interface InstanceValue {
  'instance'?: (string);
  'delta'?: (number | string);
  'value'?: (number | string);
  'min'?: (number | string);
  'max'?: (number | string);
}

export interface InstanceValue__Output {
  'instance'?: (string);
  'delta'?: (number);
  'value'?: (number);
  'min'?: (number);
  'max'?: (number);
}
