// Original file: proto/prodbench/v1/instance.proto

import type { Long } from '@grpc/proto-loader';

export interface ActiveLogRule {
  'ruleId'?: (string);
  'kind'?: (string);
  'logger'?: (string);
  'where'?: ({[key: string]: string});
  'level'?: (string);
  'rate'?: (number | string);
  'author'?: (string);
  'expiresAt'?: (number | string | Long);
  'reason'?: (string);
}

export interface ActiveLogRule__Output {
  'ruleId'?: (string);
  'kind'?: (string);
  'logger'?: (string);
  'where'?: ({[key: string]: string});
  'level'?: (string);
  'rate'?: (number);
  'author'?: (string);
  'expiresAt'?: (number);
  'reason'?: (string);
}
