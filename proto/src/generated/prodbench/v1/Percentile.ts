// Original file: proto/prodbench/v1/histograms.proto


export interface Percentile {
  'quantile'?: (number | string);
  'value'?: (number | string);
}

export interface Percentile__Output {
  'quantile'?: (number);
  'value'?: (number);
}
