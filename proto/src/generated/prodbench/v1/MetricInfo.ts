// Original file: proto/prodbench/v1/instance.proto


export interface MetricInfo {
  'name'?: (string);
  'kind'?: (string);
  'unit'?: (string);
}

export interface MetricInfo__Output {
  'name'?: (string);
  'kind'?: (string);
  'unit'?: (string);
}
