import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { InstanceValue as _prodbench_v1_InstanceValue, InstanceValue__Output as _prodbench_v1_InstanceValue__Output } from './prodbench/v1/InstanceValue.js';
import type { ScalarSeries as _prodbench_v1_ScalarSeries, ScalarSeries__Output as _prodbench_v1_ScalarSeries__Output } from './prodbench/v1/ScalarSeries.js';
import type { ScalarSnapshot as _prodbench_v1_ScalarSnapshot, ScalarSnapshot__Output as _prodbench_v1_ScalarSnapshot__Output } from './prodbench/v1/ScalarSnapshot.js';
import type { ScalarWindow as _prodbench_v1_ScalarWindow, ScalarWindow__Output as _prodbench_v1_ScalarWindow__Output } from './prodbench/v1/ScalarWindow.js';
import type { SeriesPoint as _prodbench_v1_SeriesPoint, SeriesPoint__Output as _prodbench_v1_SeriesPoint__Output } from './prodbench/v1/SeriesPoint.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  prodbench: {
    v1: {
      InstanceValue: MessageTypeDefinition<_prodbench_v1_InstanceValue, _prodbench_v1_InstanceValue__Output>
      ScalarSeries: MessageTypeDefinition<_prodbench_v1_ScalarSeries, _prodbench_v1_ScalarSeries__Output>
      ScalarSnapshot: MessageTypeDefinition<_prodbench_v1_ScalarSnapshot, _prodbench_v1_ScalarSnapshot__Output>
      ScalarWindow: MessageTypeDefinition<_prodbench_v1_ScalarWindow, _prodbench_v1_ScalarWindow__Output>
      SeriesPoint: MessageTypeDefinition<_prodbench_v1_SeriesPoint, _prodbench_v1_SeriesPoint__Output>
    }
  }
}

