// Original file: proto/prodbench/v1/control_plane.proto


export interface WatchHistogramRequest {
  'service'?: (string);
  'metric'?: (string);
  'captureId'?: (string);
  'perInstance'?: (boolean);
  'backlog'?: (number);
}

export interface WatchHistogramRequest__Output {
  'service'?: (string);
  'metric'?: (string);
  'captureId'?: (string);
  'perInstance'?: (boolean);
  'backlog'?: (number);
}
