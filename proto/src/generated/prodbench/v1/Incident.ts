// Original file: proto/prodbench/v1/incidents.proto

import type { IncidentReport as _prodbench_v1_IncidentReport, IncidentReport__Output as _prodbench_v1_IncidentReport__Output } from '../../prodbench/v1/IncidentReport.js';
import type { Long } from '@grpc/proto-loader';

export interface Incident {
  'id'?: (string);
  'service'?: (string);
  'fingerprint'?: (string);
  'kind'?: (string);
  'title'?: (string);
  'status'?: (string);
  'firstAt'?: (number | string | Long);
  'lastAt'?: (number | string | Long);
  'count'?: (number | string | Long);
  'instances'?: (string)[];
  'first'?: (_prodbench_v1_IncidentReport | null);
  'ackedBy'?: (string);
  'closedBy'?: (string);
  'link'?: (string);
  'alertsSent'?: (number);
  'alertedAt'?: (number | string | Long);
  'alertedCount'?: (number | string | Long);
  'ackedAt'?: (number | string | Long);
  'closedAt'?: (number | string | Long);
}

export interface Incident__Output {
  'id'?: (string);
  'service'?: (string);
  'fingerprint'?: (string);
  'kind'?: (string);
  'title'?: (string);
  'status'?: (string);
  'firstAt'?: (number);
  'lastAt'?: (number);
  'count'?: (number);
  'instances'?: (string)[];
  'first'?: (_prodbench_v1_IncidentReport__Output);
  'ackedBy'?: (string);
  'closedBy'?: (string);
  'link'?: (string);
  'alertsSent'?: (number);
  'alertedAt'?: (number);
  'alertedCount'?: (number);
  'ackedAt'?: (number);
  'closedAt'?: (number);
}
