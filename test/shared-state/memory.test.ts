import { memorySharedState } from '../../src/shared-state/memory.ts';
import { describeSharedStateContract } from './contract.ts';

describeSharedStateContract('in memory', { state: () => memorySharedState() });
