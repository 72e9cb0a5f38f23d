import { InputError } from '../../core/errors';
import type { GraphRunner } from '../infer';
import { batchesOf } from './epochOrder';
import { AdamwSettings, DEFAULT_ADAMW, PolicyState } from './policyState';
import { PromptCompletion, sequenceBatch } from './sequenceBatch';
import { fusedTrainStepGraph } from './trainStepGraphs';
import { sftTrainLoss } from './trainLosses';

export interface SftOptions {
  runner: GraphRunner;
  /** Trained in place. */
  state: PolicyState;
  /** Token ids; the loss covers the completion tokens only. */
  examples: readonly PromptCompletion[];
  steps: number;
  /** Examples per step. */
  batch: number;
  /** Orders the examples: each epoch is a fresh shuffle. */
  seed: number | string;
  padId: number;
  adamw?: Partial<AdamwSettings>;
  /** Called after each step with its number (from 1) and loss, e.g. to heartbeat. */
  onStep?: (step: number, loss: number) => void;
}

/** Supervised fine-tuning with the fused SFT step; returns the loss of every step. */
export async function trainSft(o: SftOptions): Promise<number[]> {
  if (o.examples.length === 0) throw new InputError('sft: no examples');
  for (const [name, v] of Object.entries({ steps: o.steps, batch: o.batch })) {
    if (!Number.isInteger(v) || v < 1) throw new InputError(`sft: ${name} must be a positive integer, got ${v}`);
  }
  // One sequence length for every step, so a single graph (and ORT session) serves the whole run.
  const length = Math.max(...o.examples.map((e) => e.prompt.length + e.completion.length));
  if (length > o.state.config.maxSeqLen) throw new InputError(`sft: an example has ${length} tokens, the model's maxSeqLen is ${o.state.config.maxSeqLen}`);
  const stepGraph = fusedTrainStepGraph(o.state.config, sftTrainLoss, o.batch, length, 'float32').toOnnxBytes();
  const adamw = { ...DEFAULT_ADAMW, ...o.adamw };
  const batchAt = batchesOf(o.examples, o.batch, o.seed);
  const losses: number[] = [];
  for (let step = 0; step < o.steps; step++) {
    const rows = batchAt(step);
    const out = await o.state.trainStep(o.runner, stepGraph, sequenceBatch(rows, length, o.padId, 'targetMask'), adamw);
    losses.push(out.loss.data[0] as number);
    o.onStep?.(step + 1, losses[step]);
  }
  return losses;
}
