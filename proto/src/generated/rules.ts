import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Budget as _prodbench_v1_Budget, Budget__Output as _prodbench_v1_Budget__Output } from './prodbench/v1/Budget.js';
import type { Capture as _prodbench_v1_Capture, Capture__Output as _prodbench_v1_Capture__Output } from './prodbench/v1/Capture.js';
import type { CheckControl as _prodbench_v1_CheckControl, CheckControl__Output as _prodbench_v1_CheckControl__Output } from './prodbench/v1/CheckControl.js';
import type { DesiredState as _prodbench_v1_DesiredState, DesiredState__Output as _prodbench_v1_DesiredState__Output } from './prodbench/v1/DesiredState.js';
import type { Quarantine as _prodbench_v1_Quarantine, Quarantine__Output as _prodbench_v1_Quarantine__Output } from './prodbench/v1/Quarantine.js';
import type { Record as _prodbench_v1_Record, Record__Output as _prodbench_v1_Record__Output } from './prodbench/v1/Record.js';
import type { Rule as _prodbench_v1_Rule, Rule__Output as _prodbench_v1_Rule__Output } from './prodbench/v1/Rule.js';
import type { Sample as _prodbench_v1_Sample, Sample__Output as _prodbench_v1_Sample__Output } from './prodbench/v1/Sample.js';
import type { Selector as _prodbench_v1_Selector, Selector__Output as _prodbench_v1_Selector__Output } from './prodbench/v1/Selector.js';
import type { Tail as _prodbench_v1_Tail, Tail__Output as _prodbench_v1_Tail__Output } from './prodbench/v1/Tail.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  prodbench: {
    v1: {
      Budget: MessageTypeDefinition<_prodbench_v1_Budget, _prodbench_v1_Budget__Output>
      Capture: MessageTypeDefinition<_prodbench_v1_Capture, _prodbench_v1_Capture__Output>
      CheckControl: MessageTypeDefinition<_prodbench_v1_CheckControl, _prodbench_v1_CheckControl__Output>
      DesiredState: MessageTypeDefinition<_prodbench_v1_DesiredState, _prodbench_v1_DesiredState__Output>
      Quarantine: MessageTypeDefinition<_prodbench_v1_Quarantine, _prodbench_v1_Quarantine__Output>
      Record: MessageTypeDefinition<_prodbench_v1_Record, _prodbench_v1_Record__Output>
      Rule: MessageTypeDefinition<_prodbench_v1_Rule, _prodbench_v1_Rule__Output>
      Sample: MessageTypeDefinition<_prodbench_v1_Sample, _prodbench_v1_Sample__Output>
      Selector: MessageTypeDefinition<_prodbench_v1_Selector, _prodbench_v1_Selector__Output>
      Tail: MessageTypeDefinition<_prodbench_v1_Tail, _prodbench_v1_Tail__Output>
    }
  }
}

