import { defineQuery } from '@temporalio/workflow';
import type { StageOutput } from '../activities/pipeline';
import type { StageKind } from '../training/pipelineConfig';

export type StageState = 'pending' | 'running' | 'done' | 'failed';

export interface StageStatus {
  name: string;
  kind: StageKind;
  status: StageState;
  /** The stage's child workflow (an rl stage's training run), once it has started. */
  workflowId?: string;
  output?: StageOutput;
  /** Wall-clock seconds the stage took (workflow time: the same on replay). */
  seconds?: number;
  /** Why the stage failed (the gate's verdict, a bad input). */
  error?: string;
}

export interface PipelineStatus {
  status: 'planning' | 'running' | 'done' | 'failed';
  pipelineHash?: string;
  stages: StageStatus[];
}

export const pipelineStatusQuery = defineQuery<PipelineStatus>('pipelineStatus');
