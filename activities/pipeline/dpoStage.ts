import { pairBatch, responseLogProbGraph, trainDpo, type PreferenceExample } from '../../engine/train';
import type { GraphRunner } from '../../engine/infer';
import type { ModelConfig } from '../../engine/model';
import type { HostTensors } from '../../engine/runtime';
import { committedOutput } from '../committedOutput';
import { heartbeatingWhile } from '../keepAlive';
import { engineFor } from '../sharedEngine';
import type { TrainingContext } from '../training/trainingContext';
import { preferenceExamples } from './preferenceExamples';
import { commitStageOutput } from './stageCheckpoint';
import { lossSummary, mean, type StageBasics, type StageOutput } from './stageOutput';
import { stageStart, type StagePolicy } from './stagePolicy';

export interface DpoStageInput extends StageBasics {
  policy: StagePolicy;
  steps: number;
  batch: number;
  lr: number;
  beta: number;
}

/**
 * The `dpo` stage: offline DPO on the training pairs against the starting policy, frozen; reports the held-out
 * pairs' implicit-reward accuracy (the policy's log-ratio to the reference ranks the chosen response first).
 */
export async function dpoStage(ctx: TrainingContext, input: DpoStageInput): Promise<StageOutput> {
  return committedOutput(ctx.store, 'dpoStage', input, () =>
    heartbeatingWhile<Record<string, unknown>, StageOutput>({ phase: 'loading', stage: input.stage }, async (report) => {
      const start = await stageStart(ctx, input.policy, input.seed);
      const { task, episodes } = await ctx.dataset(input.datasetId);
      const [train, heldOut] = (['train', 'eval'] as const).map((split) => preferenceExamples(task, episodes, split, start.rendering, 'policy', input.stage));
      const runner = engineFor(input.threads);
      const padId = start.rendering.tokenizer.pad;
      const reference = start.state.weightFeeds();
      // weightFeeds views the weights that training replaces, so the reference keeps copies.
      const frozen: HostTensors = Object.fromEntries(Object.entries(reference).map(([name, t]) => [name, { ...t, data: Float32Array.from(t.data as Float32Array) }]));
      const { losses, accuracies } = await trainDpo({
        runner,
        state: start.state,
        reference: frozen,
        pairs: train,
        steps: input.steps,
        batch: input.batch,
        beta: input.beta,
        seed: `${input.seed}/${input.stage}`,
        padId,
        adamw: { lr: input.lr },
        onStep: (step, loss, accuracy) => report({ phase: 'dpo', stage: input.stage, step, steps: input.steps, loss, accuracy }),
      });
      const margins = await heldOutMargins(runner, start.state.config, start.state.weightFeeds(), frozen, heldOut, input.batch, padId);
      const { steps, batch, lr, beta } = input;
      const checkpoint = await commitStageOutput(ctx.store, start, input, 'dpo', { steps, batch, lr, beta, pairs: train.length });
      return { checkpoint, metrics: { ...lossSummary(losses), trainAccuracy: mean(accuracies.slice(-10)), heldOutPairs: heldOut.length, heldOutAccuracy: margins.filter((m) => m > 0).length / margins.length } };
    }),
  );
}

/** (logp_w - ref_w) - (logp_l - ref_l) of each held-out pair, `batch` pairs at a time (the last batch filled with its first pair). */
async function heldOutMargins(runner: GraphRunner, config: ModelConfig, policy: HostTensors, reference: HostTensors, pairs: readonly PreferenceExample[], batch: number, padId: number): Promise<number[]> {
  const length = Math.max(...pairs.map((p) => p.prompt.length + Math.max(p.chosen.length, p.rejected.length)));
  const graph = responseLogProbGraph(config, 2 * batch, length);
  const margins: number[] = [];
  for (let first = 0; first < pairs.length; first += batch) {
    const chunk = pairs.slice(first, first + batch);
    const rows = pairBatch([...chunk, ...Array.from({ length: batch - chunk.length }, () => chunk[0])], length, padId);
    const [own, ref] = await Promise.all([policy, reference].map(async (weights) => (await runner.run(graph, { ...weights, ...rows })).logProbs.data as Float32Array));
    chunk.forEach((_, i) => margins.push(own[i] - ref[i] - (own[batch + i] - ref[batch + i])));
  }
  return margins;
}
