import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Capture as _prodbench_v1_Capture, Capture__Output as _prodbench_v1_Capture__Output } from './prodbench/v1/Capture.js';
import type { DesiredState as _prodbench_v1_DesiredState, DesiredState__Output as _prodbench_v1_DesiredState__Output } from './prodbench/v1/DesiredState.js';
import type { Rule as _prodbench_v1_Rule, Rule__Output as _prodbench_v1_Rule__Output } from './prodbench/v1/Rule.js';
import type { Selector as _prodbench_v1_Selector, Selector__Output as _prodbench_v1_Selector__Output } from './prodbench/v1/Selector.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  prodbench: {
    v1: {
      Capture: MessageTypeDefinition<_prodbench_v1_Capture, _prodbench_v1_Capture__Output>
      DesiredState: MessageTypeDefinition<_prodbench_v1_DesiredState, _prodbench_v1_DesiredState__Output>
      Rule: MessageTypeDefinition<_prodbench_v1_Rule, _prodbench_v1_Rule__Output>
      Selector: MessageTypeDefinition<_prodbench_v1_Selector, _prodbench_v1_Selector__Output>
    }
  }
}

