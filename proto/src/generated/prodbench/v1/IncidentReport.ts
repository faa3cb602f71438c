// Original file: proto/prodbench/v1/incidents.proto

import type { InstanceIdentity as _prodbench_v1_InstanceIdentity, InstanceIdentity__Output as _prodbench_v1_InstanceIdentity__Output } from '../../prodbench/v1/InstanceIdentity.js';
import type { IncidentError as _prodbench_v1_IncidentError, IncidentError__Output as _prodbench_v1_IncidentError__Output } from '../../prodbench/v1/IncidentError.js';
import type { HistogramSnapshot as _prodbench_v1_HistogramSnapshot, HistogramSnapshot__Output as _prodbench_v1_HistogramSnapshot__Output } from '../../prodbench/v1/HistogramSnapshot.js';
import type { Long } from '@grpc/proto-loader';

export interface IncidentReport {
  'identity'?: (_prodbench_v1_InstanceIdentity | null);
  'kind'?: (string);
  'fingerprint'?: (string);
  'title'?: (string);
  'at'?: (number | string | Long);
  'error'?: (_prodbench_v1_IncidentError | null);
  'records'?: (string)[];
  'context'?: ({[key: string]: string});
  'count'?: (number | string | Long);
  'histograms'?: (_prodbench_v1_HistogramSnapshot)[];
  'name'?: (string);
  'repeat'?: (boolean);
  'quarantineRequested'?: (boolean);
  'lastAt'?: (number | string | Long);
  'seq'?: (number | string | Long);
  'ownRecords'?: (number);
}

export interface IncidentReport__Output {
  'identity'?: (_prodbench_v1_InstanceIdentity__Output);
  'kind'?: (string);
  'fingerprint'?: (string);
  'title'?: (string);
  'at'?: (number);
  'error'?: (_prodbench_v1_IncidentError__Output);
  'records'?: (string)[];
  'context'?: ({[key: string]: string});
  'count'?: (number);
  'histograms'?: (_prodbench_v1_HistogramSnapshot__Output)[];
  'name'?: (string);
  'repeat'?: (boolean);
  'quarantineRequested'?: (boolean);
  'lastAt'?: (number);
  'seq'?: (number);
  'ownRecords'?: (number);
}
