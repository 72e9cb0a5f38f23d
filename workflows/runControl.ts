/**
 * How a running training run is steered and watched: Temporal updates for pause, resume, stop, checkpoint-now and
 * hyperparameter changes (each validated, answered with the recorded event, and kept in the history with its
 * sender and time), and a status query.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Hyperparameters } from '../training/hyperparameters';

export interface ControlRequest {
  /** Who asked (the CLI sends user@host); the history also records the client's identity. */
  sender: string;
}

export interface ControlEvent {
  kind: 'pause' | 'resume' | 'stop' | 'checkpoint' | 'set';
  sender: string;
  /** Workflow time of the request (ISO 8601). */
  at: string;
  /** The first step the change applies to. */
  effectiveStep: number;
  detail?: Record<string, unknown>;
}

export type RunPhase = 'planning' | 'dataset' | 'init' | 'rollout' | 'reward' | 'update' | 'evaluate' | 'paused' | 'done';

export interface StepRecord {
  step: number;
  checkpoint: string;
  meanReward: number;
  byLanguage: Record<string, { meanReward: number; accuracy: number; samples: number }>;
  loss: number;
  kl: number;
  clipFraction: number;
  gradNorm: number;
  entropy: number;
  /** Wall time of the step as the workflow saw it (rollout scheduled to update completed). */
  seconds: number;
  tokensPerSecond: number;
  hyperparameters: Hyperparameters;
}

export interface RunStatus {
  status: 'running' | 'paused' | 'stopping' | 'done' | 'failed';
  phase: RunPhase;
  /** The run's method (absent while it is planned). */
  method?: string;
  step: number;
  steps: number;
  configHash: string;
  datasetId?: string;
  checkpoint?: string;
  hyperparameters?: Hyperparameters;
  /** The newest steps (the full record is in the history and the committed update outputs). */
  recent: StepRecord[];
  controls: ControlEvent[];
  pinned: string[];
  evaluations: Array<{ step: number; problemsPerLanguage: number; accuracy: number; byLanguage: Record<string, { accuracy: number; problems: number; consistency: number | null }> }>;
  /** The method's schedule state, by method (LANG: each language's clock, horizon, hint fraction, accuracy EMA and switches). */
  schedule?: Record<string, unknown>;
  /** Records skipped before the first step because their prompt is over maxPromptTokens. */
  promptCheck?: { train: number; trainSkipped: number; heldOut: number; heldOutSkipped: number; examples: string[] };
}

export const runStatusQuery = defineQuery<RunStatus>('runStatus');
export const pauseUpdate = defineUpdate<ControlEvent, [ControlRequest]>('pause');
export const resumeUpdate = defineUpdate<ControlEvent, [ControlRequest]>('resume');
export const stopUpdate = defineUpdate<ControlEvent, [ControlRequest]>('stop');
export const checkpointUpdate = defineUpdate<ControlEvent, [ControlRequest]>('checkpoint');
export const setUpdate = defineUpdate<ControlEvent, [ControlRequest & { key: string; value: number }]>('set');
