import { InputError } from '../../core/errors';
import { generate, scoreCompletions, type Completion } from '../../engine/infer';
import { promptTokens, type Episode } from '../../training/tasks';
import { committedOutput } from '../committedOutput';
import { heartbeatingWhile } from '../keepAlive';
import { engineFor } from '../sharedEngine';
import { loadRewardModel, rewardModelRewards } from '../training/rewardModelGrader';
import { promptRenderingOf } from '../training/promptRendering';
import { splitPools, type TrainingContext } from '../training/trainingContext';
import { mean, type StageBasics, type StageOutput } from './stageOutput';

export interface EvaluateStageInput extends StageBasics {
  policy: string;
  baseline?: string;
  rewardModel?: string;
  prompts: number;
  samples: number;
  maxTokens: number;
  temperature: number;
}

/**
 * The `evaluate` stage: `samples` completions of the policy for each of the first `prompts` held-out prompts, and as
 * many of the baseline's, drawn with the same seeds. Reports the mean of each of the task's measures (for synthetic
 * preference data the true score and the spurious feature's rate), the reward model's mean raw score, the win rate
 * against the baseline by the task's true score (ties count half; sample j of a prompt against the baseline's
 * sample j), and KL(policy || baseline) per response: the mean over samples of sum(log p - log p_baseline) on the
 * policy's own samples, a Monte-Carlo estimate.
 */
export async function evaluateStage(ctx: TrainingContext, input: EvaluateStageInput): Promise<StageOutput> {
  return committedOutput(ctx.store, 'evaluateStage', input, () =>
    heartbeatingWhile<Record<string, unknown>, StageOutput>({ phase: 'sampling', stage: input.stage }, async () => {
      const { task, episodes } = await ctx.dataset(input.datasetId);
      const heldOut = splitPools(episodes).eval.slice(0, input.prompts);
      if (heldOut.length === 0) throw new InputError(`stage ${input.stage}: the dataset has no held-out records to evaluate on`);
      const sampled = await samplesOf(ctx, input, input.policy, heldOut);
      const metrics: Record<string, number> = { prompts: heldOut.length, samples: sampled.completions.length };
      const measures = sampled.completions.map((c) => task.evaluate(heldOut[c.promptIndex], c.text).metrics ?? {});
      for (const name of new Set(measures.flatMap((m) => Object.keys(m)))) metrics[name] = mean(measures.map((m) => m[name] ?? 0));
      if (input.rewardModel) {
        const rm = await loadRewardModel(ctx.store, input.rewardModel, engineFor(input.threads));
        const scores = await rewardModelRewards(rm, sampled.completions.map((c) => ({ prompt: task.prompt(heldOut[c.promptIndex]), response: c.text })));
        metrics.rewardModelScore = mean(scores.map((s) => s.score));
      }
      if (input.baseline) {
        const baseline = await samplesOf(ctx, input, input.baseline, heldOut);
        if (measures.every((m) => m.trueScore !== undefined)) {
          const baselineScores = baseline.completions.map((c) => task.evaluate(heldOut[c.promptIndex], c.text).metrics!.trueScore);
          metrics.winRate = mean(measures.map((m, i) => (m.trueScore > baselineScores[i] ? 1 : m.trueScore === baselineScores[i] ? 0.5 : 0)));
        }
        const { config, weights } = await ctx.policies.weights(input.baseline);
        const items = sampled.completions.map((c) => ({ prompt: sampled.prompts[c.promptIndex], completion: c.tokens }));
        const baselineLogProbs = await scoreCompletions({ runner: engineFor(input.threads), config, weights }, items, { padId: sampled.padId, temperature: input.temperature });
        metrics.klToBaseline = mean(sampled.completions.map((c, i) => c.logProbs.reduce((sum, lp, t) => sum + lp - baselineLogProbs[i][t], 0)));
      }
      return { metrics };
    }),
  );
}

async function samplesOf(ctx: TrainingContext, input: EvaluateStageInput, checkpoint: string, heldOut: readonly Episode[]): Promise<{ completions: Completion[]; prompts: number[][]; padId: number }> {
  const { task } = await ctx.dataset(input.datasetId);
  const rendering = await promptRenderingOf(ctx, checkpoint);
  const prompts = heldOut.map((episode) => promptTokens(task, episode, rendering));
  const { config, weights } = await ctx.policies.weights(checkpoint);
  const completions = await generate({ runner: engineFor(input.threads), config, weights }, rendering.tokenizer, {
    prompts,
    promptKeys: heldOut.map((e) => e.id),
    samplesPerPrompt: input.samples,
    seed: `${input.seed}/${input.stage}`,
    maxTokens: input.maxTokens,
    temperature: input.temperature,
    stopTokens: rendering.stopTokens,
  });
  // Sample j of a prompt meets the baseline's sample j: both lists in (prompt, sample) order.
  completions.sort((a, b) => a.promptIndex - b.promptIndex || a.sampleIndex - b.sampleIndex);
  return { completions, prompts, padId: rendering.tokenizer.pad };
}
