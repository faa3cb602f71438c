// Original file: proto/prodbench/v1/control_plane.proto

import type { Long } from '@grpc/proto-loader';

export interface Rollout {
  'revision'?: (number | string | Long);
  'applied'?: (string)[];
  'pending'?: (string)[];
  'rejected'?: (string)[];
  'elapsedMs'?: (number);
  'complete'?: (boolean);
}

export interface Rollout__Output {
  'revision'?: (number);
  'applied'?: (string)[];
  'pending'?: (string)[];
  'rejected'?: (string)[];
  'elapsedMs'?: (number);
  'complete'?: (boolean);
}
