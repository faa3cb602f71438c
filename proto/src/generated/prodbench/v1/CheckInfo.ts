// Original file: proto/prodbench/v1/instance.proto

import type { CheckResult as _prodbench_v1_CheckResult, CheckResult__Output as _prodbench_v1_CheckResult__Output } from '../../prodbench/v1/CheckResult.js';
import type { Long } from '@grpc/proto-loader';

export interface CheckInfo {
  'name'?: (string);
  'everyMs'?: (number);
  'timeoutMs'?: (number);
  'paused'?: (boolean);
  'ruleId'?: (string);
  'last'?: (_prodbench_v1_CheckResult | null);
  'runs'?: (number | string | Long);
  'failures'?: (number | string | Long);
  'running'?: (boolean);
}

export interface CheckInfo__Output {
  'name'?: (string);
  'everyMs'?: (number);
  'timeoutMs'?: (number);
  'paused'?: (boolean);
  'ruleId'?: (string);
  'last'?: (_prodbench_v1_CheckResult__Output);
  'runs'?: (number);
  'failures'?: (number);
  'running'?: (boolean);
}
