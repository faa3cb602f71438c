// Original file: proto/prodbench/v1/instance.proto

import type { Long } from '@grpc/proto-loader';

export interface InstanceIdentity {
  'service'?: (string);
  'instance'?: (string);
  'host'?: (string);
  'pid'?: (number);
  'sdkVersion'?: (string);
  'startedAt'?: (number | string | Long);
}

export interface InstanceIdentity__Output {
  'service'?: (string);
  'instance'?: (string);
  'host'?: (string);
  'pid'?: (number);
  'sdkVersion'?: (string);
  'startedAt'?: (number);
}
