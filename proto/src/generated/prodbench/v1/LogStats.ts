// Original file: proto/prodbench/v1/instance.proto

import type { LogCount as _prodbench_v1_LogCount, LogCount__Output as _prodbench_v1_LogCount__Output } from '../../prodbench/v1/LogCount.js';
import type { ActiveLogRule as _prodbench_v1_ActiveLogRule, ActiveLogRule__Output as _prodbench_v1_ActiveLogRule__Output } from '../../prodbench/v1/ActiveLogRule.js';
import type { Long } from '@grpc/proto-loader';

export interface LogStats {
  'budgetRecordsPerSec'?: (number);
  'budgetBytesPerSec'?: (number | string | Long);
  'budgetRuleId'?: (string);
  'recordsLastSec'?: (number);
  'bytesLastSec'?: (number | string | Long);
  'dropped'?: (_prodbench_v1_LogCount)[];
  'sampledOut'?: (_prodbench_v1_LogCount)[];
  'rules'?: (_prodbench_v1_ActiveLogRule)[];
  'ringRecords'?: (number);
  'ringBytes'?: (number | string | Long);
  'tailDropped'?: (number | string | Long);
}

export interface LogStats__Output {
  'budgetRecordsPerSec'?: (number);
  'budgetBytesPerSec'?: (number);
  'budgetRuleId'?: (string);
  'recordsLastSec'?: (number);
  'bytesLastSec'?: (number);
  'dropped'?: (_prodbench_v1_LogCount__Output)[];
  'sampledOut'?: (_prodbench_v1_LogCount__Output)[];
  'rules'?: (_prodbench_v1_ActiveLogRule__Output)[];
  'ringRecords'?: (number);
  'ringBytes'?: (number);
  'tailDropped'?: (number);
}
