// Original file: proto/prodbench/v1/instance.proto

import type { LevelSource as _prodbench_v1_LevelSource, LevelSource__Output as _prodbench_v1_LevelSource__Output } from '../../prodbench/v1/LevelSource.js';

export interface EffectiveLevel {
  'logger'?: (string);
  'level'?: (string);
  'source'?: (_prodbench_v1_LevelSource | null);
}

export interface EffectiveLevel__Output {
  'logger'?: (string);
  'level'?: (string);
  'source'?: (_prodbench_v1_LevelSource__Output);
}
