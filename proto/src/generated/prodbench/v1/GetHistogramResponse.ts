// Original file: proto/prodbench/v1/control_plane.proto

import type { HistogramWindow as _prodbench_v1_HistogramWindow, HistogramWindow__Output as _prodbench_v1_HistogramWindow__Output } from '../../prodbench/v1/HistogramWindow.js';

export interface GetHistogramResponse {
  'merged'?: (_prodbench_v1_HistogramWindow | null);
  'instances'?: (_prodbench_v1_HistogramWindow)[];
}

export interface GetHistogramResponse__Output {
  'merged'?: (_prodbench_v1_HistogramWindow__Output);
  'instances'?: (_prodbench_v1_HistogramWindow__Output)[];
}
