// Original file: proto/prodbench/v1/control_plane.proto


export interface WatchMetricsRequest {
  'service'?: (string);
  'captureId'?: (string);
  'metric'?: (string);
  'backlog'?: (number);
}

export interface WatchMetricsRequest__Output {
  'service'?: (string);
  'captureId'?: (string);
  'metric'?: (string);
  'backlog'?: (number);
}
