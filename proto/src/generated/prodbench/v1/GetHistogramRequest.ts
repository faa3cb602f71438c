// Original file: proto/prodbench/v1/control_plane.proto


export interface GetHistogramRequest {
  'service'?: (string);
  'metric'?: (string);
  'captureId'?: (string);
  'windows'?: (number);
  'perInstance'?: (boolean);
}

export interface GetHistogramRequest__Output {
  'service'?: (string);
  'metric'?: (string);
  'captureId'?: (string);
  'windows'?: (number);
  'perInstance'?: (boolean);
}
