// Original file: proto/prodbench/v1/rules.proto

import type { Selector as _prodbench_v1_Selector, Selector__Output as _prodbench_v1_Selector__Output } from '../../prodbench/v1/Selector.js';
import type { Capture as _prodbench_v1_Capture, Capture__Output as _prodbench_v1_Capture__Output } from '../../prodbench/v1/Capture.js';
import type { Sample as _prodbench_v1_Sample, Sample__Output as _prodbench_v1_Sample__Output } from '../../prodbench/v1/Sample.js';
import type { Budget as _prodbench_v1_Budget, Budget__Output as _prodbench_v1_Budget__Output } from '../../prodbench/v1/Budget.js';
import type { Record as _prodbench_v1_Record, Record__Output as _prodbench_v1_Record__Output } from '../../prodbench/v1/Record.js';
import type { Tail as _prodbench_v1_Tail, Tail__Output as _prodbench_v1_Tail__Output } from '../../prodbench/v1/Tail.js';
import type { CheckControl as _prodbench_v1_CheckControl, CheckControl__Output as _prodbench_v1_CheckControl__Output } from '../../prodbench/v1/CheckControl.js';
import type { Quarantine as _prodbench_v1_Quarantine, Quarantine__Output as _prodbench_v1_Quarantine__Output } from '../../prodbench/v1/Quarantine.js';
import type { Long } from '@grpc/proto-loader';

export interface Rule {
  'id'?: (string);
  'selector'?: (_prodbench_v1_Selector | null);
  'level'?: (string);
  'capture'?: (_prodbench_v1_Capture | null);
  'sample'?: (_prodbench_v1_Sample | null);
  'budget'?: (_prodbench_v1_Budget | null);
  'record'?: (_prodbench_v1_Record | null);
  'tail'?: (_prodbench_v1_Tail | null);
  'check'?: (_prodbench_v1_CheckControl | null);
  'quarantine'?: (_prodbench_v1_Quarantine | null);
  'expiresAt'?: (number | string | Long);
  'createdAt'?: (number | string | Long);
  'author'?: (string);
  'reason'?: (string);
  'action'?: "level"|"capture"|"sample"|"budget"|"record"|"tail"|"check"|"quarantine";
}

export interface Rule__Output {
  'id'?: (string);
  'selector'?: (_prodbench_v1_Selector__Output);
  'level'?: (string);
  'capture'?: (_prodbench_v1_Capture__Output);
  'sample'?: (_prodbench_v1_Sample__Output);
  'budget'?: (_prodbench_v1_Budget__Output);
  'record'?: (_prodbench_v1_Record__Output);
  'tail'?: (_prodbench_v1_Tail__Output);
  'check'?: (_prodbench_v1_CheckControl__Output);
  'quarantine'?: (_prodbench_v1_Quarantine__Output);
  'expiresAt'?: (number);
  'createdAt'?: (number);
  'author'?: (string);
  'reason'?: (string);
  'action'?: "level"|"capture"|"sample"|"budget"|"record"|"tail"|"check"|"quarantine";
}
