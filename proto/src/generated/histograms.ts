import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { HistogramBucket as _prodbench_v1_HistogramBucket, HistogramBucket__Output as _prodbench_v1_HistogramBucket__Output } from './prodbench/v1/HistogramBucket.js';
import type { HistogramSnapshot as _prodbench_v1_HistogramSnapshot, HistogramSnapshot__Output as _prodbench_v1_HistogramSnapshot__Output } from './prodbench/v1/HistogramSnapshot.js';
import type { HistogramWindow as _prodbench_v1_HistogramWindow, HistogramWindow__Output as _prodbench_v1_HistogramWindow__Output } from './prodbench/v1/HistogramWindow.js';
import type { Percentile as _prodbench_v1_Percentile, Percentile__Output as _prodbench_v1_Percentile__Output } from './prodbench/v1/Percentile.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  prodbench: {
    v1: {
      HistogramBucket: MessageTypeDefinition<_prodbench_v1_HistogramBucket, _prodbench_v1_HistogramBucket__Output>
      HistogramSnapshot: MessageTypeDefinition<_prodbench_v1_HistogramSnapshot, _prodbench_v1_HistogramSnapshot__Output>
      HistogramWindow: MessageTypeDefinition<_prodbench_v1_HistogramWindow, _prodbench_v1_HistogramWindow__Output>
      Percentile: MessageTypeDefinition<_prodbench_v1_Percentile, _prodbench_v1_Percentile__Output>
    }
  }
}

