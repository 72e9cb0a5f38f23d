import { canonicalJson } from '../../core/canonicalJson';
import type { RewardResult } from '../../rewards/rewardResult';
import { chunkedKeys, readChunks, runChunked, samplesIn, type ChunkedResult } from '../chunkedWork';
import { outputKey } from '../committedOutput';
import { engineFor } from '../sharedEngine';
import { episodesOf } from './rewardEpisodes';
import { modelGradedTerms, rewardTermNamed, type RewardSettings } from './rewardTerms';
import type { RolloutSample } from './rolloutActivity';
import type { TrainingContext } from './trainingContext';

export interface GradeInput {
  datasetId: string;
  /** The rollout's manifest key. */
  rollout: string;
  reward: RewardSettings;
  threads: number;
}

/** One sample's results of every model-graded term, by term. */
export interface GradedSample {
  slot: number;
  sampleIndex: number;
  results: Record<string, RewardResult>;
}

export type GradeResult = ChunkedResult<{ samples: number; terms: string[] }>;

/**
 * The reward terms a model grades (a reward model today; a judge or a translator checkpoint later), on the GPU
 * queue with the run's engine threads, batched chunk by chunk as the rollout was made. The reward activity then
 * composes these results with the rule terms.
 */
export async function grade(ctx: TrainingContext, input: GradeInput): Promise<GradeResult> {
  const key = outputKey('grade', input);
  const rolloutChunks = await readChunks(ctx.store, input.rollout);
  const terms = modelGradedTerms(input.reward);
  const environment = { store: ctx.store, runner: engineFor(input.threads), task: (await ctx.dataset(input.datasetId)).task };
  const scorers = terms.map((name) => [name, rewardTermNamed(name, 'reward.terms').scorer(input.reward, environment)] as const);
  const episodes = await episodesOf(ctx, input.datasetId, input.rollout);
  return runChunked(
    {
      store: ctx.store,
      ...chunkedKeys(key),
      chunkCount: rolloutChunks.length,
      computeChunk: async (index) => {
        const samples = samplesIn<RolloutSample>([rolloutChunks[index]]);
        const graded: GradedSample[] = samples.map((s) => ({ slot: s.slot, sampleIndex: s.sampleIndex, results: {} }));
        for (const [name, score] of scorers) (await score(samples, episodes(samples))).forEach((result, i) => (graded[i].results[name] = result));
        return Buffer.from(canonicalJson({ samples: graded }));
      },
      summarise: async (chunks) => ({ samples: samplesIn<GradedSample>(await Promise.all(chunks.map((c) => ctx.store.getBlob(c)))).length, terms }),
    },
    { activity: 'grade', input },
  );
}
